/**
 * `npm run directory -- <test|preview|sync> --tenant <slug> [--confirm] [--json]`: a tenant's
 * directory from the command line. Runs here and now (not on the queue), printing progress.
 * Exit codes: 0 done, 2 stopped by the safety limit (rerun with --confirm), 3 the directory failed,
 * 64 usage, 65 bad input, 1 unexpected.
 */
import '../lib/cli/env.ts';
import { parseArgs } from 'node:util';
import { getDb } from '../lib/db/client.ts';
import { ldapGateway } from '../lib/directory/gateway.ts';
import { systemActor } from '../lib/domain/actor.ts';
import type { DirectoryGateway } from '../lib/domain/directory/gateway.ts';
import { syncDirectory } from '../lib/domain/directory/sync.ts';
import { testDirectory } from '../lib/domain/directory/test-directory.ts';
import { isAppError } from '../lib/errors.ts';

const USAGE = 'usage: npm run directory -- <test|preview|sync> --tenant <slug> [--confirm] [--json]';

async function main() {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { tenant: { type: 'string' }, confirm: { type: 'boolean' }, json: { type: 'boolean' } } });
  const command = positionals[0];
  if (!values.tenant || !['test', 'preview', 'sync'].includes(command ?? '')) {
    console.error(USAGE);
    return 64;
  }
  const db = getDb();
  const ctx = { actor: systemActor('cli:directory', 'cli'), db };
  const out = (data: unknown, text: string) => console.log(values.json ? JSON.stringify(data, null, 2) : text);
  try {
    if (command === 'test') {
      const result = await testDirectory(ctx, values.tenant, ldapGateway);
      const sample = result.ok ? result.sample.map((u) => `  ${u.login ?? '-'}  ${u.name}  ${u.email ?? '-'}  ${u.number ?? `(${u.numberProblem})`}${u.disabled ? '  disabled' : ''}`).join('\n') : '';
      out(result, `${result.message}${sample ? `\n${sample}` : ''}`);
      return result.ok ? 0 : 3;
    }
    let shown = 0;
    const gateway: DirectoryGateway = {
      read: (conn, q) => ldapGateway.read(conn, q, (n) => {
        if (n - shown >= 1_000 || shown === 0) process.stderr.write(`read ${(shown = n)} users...\n`);
      }),
    };
    const outcome = await syncDirectory(ctx, values.tenant, { mode: command as 'preview' | 'sync', trigger: 'cli', gateway, confirmed: values.confirm });
    if (outcome.status === 'failed') {
      out(outcome, `failed: ${outcome.error}`);
      return 3;
    }
    const s = outcome.summary!;
    const p = outcome.plan!;
    const lines = [
      `${command === 'preview' ? 'preview (nothing changed)' : outcome.status === 'stopped' ? 'STOPPED by the safety limit: nothing changed' : 'synced'} in ${s.durationMs} ms: ${s.users} directory users`,
      `  create ${s.created}, update ${s.updated}, renumber ${s.renumbered}, deactivate ${s.deactivated}, remove ${s.removed}, reactivate ${s.reactivated}, unchanged ${s.unchanged}, waiting for removal ${s.pending}`,
      ...(p.safety.tripped ? [`  would deactivate or remove ${p.safety.affected} of ${p.safety.synced} synced extensions (limit ${p.safety.limitPercent}%)${outcome.status === 'stopped' ? '; rerun with --confirm to go ahead' : ''}`] : []),
      `  conflicts ${s.conflicts}${p.conflicts.slice(0, 20).map((c) => `\n    ${c.login ?? c.dn}: ${c.detail}`).join('')}${p.conflicts.length > 20 ? `\n    ... ${p.conflicts.length - 20} more` : ''}`,
      `  run ${outcome.runId}`,
    ];
    out(outcome, lines.join('\n'));
    return outcome.status === 'stopped' ? 2 : 0;
  } catch (err) {
    if (isAppError(err)) {
      console.error(err.message);
      return 65;
    }
    throw err;
  } finally {
    await db.$disconnect();
  }
}

main().then((code) => process.exit(code), (err) => {
  console.error(err);
  process.exit(1);
});
