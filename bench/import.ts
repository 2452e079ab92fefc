/**
 * `npm run bench:import`: a CSV of 100,000 extensions imported into one tenant of a scratch
 * database, the way `switchboard import csv` does it (the file streamed through csv-parse, every
 * row checked, then one transaction written in chunks). Prints the validation time, the write
 * time, the total and the process's peak resident memory.
 * Targets: under 60 s in all, memory under 1 GiB.
 *
 * BENCH_ROWS (100000) changes the size; KEEP_BENCH_DB=1 keeps the database for a look afterwards.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createDb } from '../lib/db/client.ts';
import { migrate } from '../lib/db/migrate.ts';
import { systemActor } from '../lib/domain/actor.ts';
import { importExtensions, type ImportPhase } from '../lib/domain/import/import-extensions.ts';
import { csvReader } from '../lib/domain/import/read-csv.ts';
import { addDid } from '../lib/domain/did/add-did.ts';
import { createTenant } from '../lib/domain/tenant/create-tenant.ts';
import { createDatabase, dropDatabase } from '../test/support/pg.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const FIRST_NUMBER = 200_000; // extension length 6
const TARGET_SECONDS = 60;
const TARGET_RSS = 1024 ** 3;
const FIRST = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'Ana', 'Luca', 'Sofia', 'Mateo', 'Lena'];
const LAST = ['Smith', 'Johnson', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Taylor', 'Müller', 'Schmidt', 'Rossi', 'Dubois', 'Novak', 'Silva', 'Nielsen', 'Berg'];
const SALES_DID = '+12125550177';

/** A spreadsheet's worth of variety: a third with voicemail (generated PINs), some internal-only, some from AD. */
function line(k: number): string {
  const name = `${FIRST[k % FIRST.length]} ${LAST[Math.floor(k / FIRST.length) % LAST.length]} ${k}`;
  return [
    FIRST_NUMBER + k,
    k % 50 === 0 ? `"${name}, Jr."` : name,
    `user${k}@bench-import.example.com`,
    k % 7 === 0 ? 'no' : 'yes',
    k % 97 === 0 ? 'false' : 'true',
    k % 10 === 0 ? 3 : '',
    k % 3 === 0 ? 'yes' : 'no',
    k % 5 === 0 ? SALES_DID : '',
    k % 4 === 0 ? 'yes' : '',
    k % 4 === 0 ? `user${k}` : '',
  ].join(',');
}

async function writeCsv(file: string) {
  const out = createWriteStream(file);
  out.write('number,name,email,allow_external,active,max_contacts,voicemail,caller_id,ad_synced,ad_username\n');
  for (let k = 0; k < ROWS; k++) if (!out.write(`${line(k)}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = (bytes: number) => `${Math.round(bytes / 1024 ** 2)} MiB`;

async function main() {
  console.log(`bench:import: ${ROWS.toLocaleString('en')} rows; ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const dir = await mkdtemp(path.join(tmpdir(), 'sb-bench-import-'));
  const file = path.join(dir, 'extensions.csv');
  await writeCsv(file);
  console.log(`generated ${file} (${mib((await stat(file)).size)})`);

  const url = await createDatabase('sb_bench_import');
  const db = createDb(url, { max: 4 });
  try {
    await migrate(url);
    const ctx = { actor: systemActor('bench', 'cli'), db };
    const tenant = await createTenant(ctx, { slug: 'bench-import', name: 'Import Bench', sipDomain: 'import.bench.test', defaultCountry: 'US', extensionLength: 6, mainDid: '+12125550100' });
    await addDid(ctx, tenant.id, { number: SALES_DID });

    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const started = performance.now();
    let checked = 0;
    let lastWrite = -1;
    const report = await importExtensions(ctx, tenant.slug, csvReader(createReadStream(file)), {
      file: path.basename(file),
      existing: 'error',
      onProgress: (phase: ImportPhase, done, total) => {
        if (phase === 'check' && done === total) checked = performance.now();
        if (phase === 'write' && total && Math.floor((done / total) * 4) > lastWrite) {
          lastWrite = Math.floor((done / total) * 4);
          console.log(`  written ${done.toLocaleString('en')}/${total.toLocaleString('en')} after ${seconds(performance.now() - started)}`);
        }
      },
    });
    const finished = performance.now();
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);

    if (report.outcome !== 'done') throw new Error(`import failed: ${JSON.stringify(report.errors.slice(0, 5))}`);
    const stored = await db.extension.count({ where: { tenantId: tenant.id } });
    const boxes = await db.extension.count({ where: { tenantId: tenant.id, voicemailId: { not: null } } });
    if (stored !== ROWS) throw new Error(`expected ${ROWS} extensions, found ${stored}`);

    const total = finished - started;
    console.log(`created ${report.counts.created.toLocaleString('en')} extensions (${boxes.toLocaleString('en')} with voicemail), ${report.secrets.length.toLocaleString('en')} generated secrets`);
    console.log(`validation (read + check): ${seconds(checked - started)}`);
    console.log(`write (one transaction):   ${seconds(finished - checked)}`);
    console.log(`total:                     ${seconds(total)} (target < ${TARGET_SECONDS} s) ${total < TARGET_SECONDS * 1000 ? 'OK' : 'MISSED'}`);
    console.log(`peak RSS:                  ${mib(peak)} (target < ${mib(TARGET_RSS)}) ${peak < TARGET_RSS ? 'OK' : 'MISSED'}`);
    process.exitCode = total < TARGET_SECONDS * 1000 && peak < TARGET_RSS ? 0 : 1;
  } finally {
    await db.$disconnect();
    if (!process.env.KEEP_BENCH_DB) await dropDatabase(url);
    else console.log(`kept ${url}`);
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
