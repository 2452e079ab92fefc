/**
 * `export tenant` (added to the export group by export.ts) and `restore`: a tenant's backup
 * document out of one installation and into another (lib/domain/backup).
 */
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { exportTenant } from '../../lib/domain/backup/export-tenant.ts';
import { restoreTenant, type RestoreSummary } from '../../lib/domain/backup/restore-tenant.ts';
import { isAppError, type FieldErrors } from '../../lib/errors.ts';
import { action, CliError, EXIT, type CliCtx } from '../support.ts';

/** Lines of problems a person reads; --json lists them all. */
const SHOWN = 50;

export function exportTenantCommand(): Command {
  return new Command('tenant')
    .description("a tenant's backup as one JSON document: settings, DIDs, extensions with their Asterisk rows (SIP secrets only as digests), voicemail boxes with their PINs, directory settings without the bind password")
    .argument('<slug>', 'the tenant to back up')
    .option('--out <file>', 'write the backup to this file, readable only by you (default: standard output)')
    .action(
      action('export:tenant', async (ctx: CliCtx, slug: string, opts: { out?: string }) => {
        const { document, counts } = await exportTenant(ctx, slug).catch((err) => {
          if (isAppError(err) && err.code === 'not_found') throw new CliError(`no tenant with slug "${slug}"`);
          throw err;
        });
        const json = `${JSON.stringify(document, null, 2)}\n`;
        const what = `${many(counts.extensions, 'extension')}, ${many(counts.dids, 'DID')}, ${many(counts.mailboxes, 'mailbox', 'mailboxes')}${counts.directory ? ', directory settings' : ''}`;
        if (!opts.out) {
          process.stdout.write(json);
          ctx.note(`backup of tenant ${slug}: ${what}. It holds SIP digests and voicemail PINs: keep it private.`);
          return;
        }
        const file = path.resolve(opts.out);
        await writePrivate(file, json);
        ctx.print({ file, tenant: slug, ...counts }, `wrote the backup of tenant ${slug} (${what}) to ${file}, readable only by you`);
      }),
    );
}

/**
 * Written to a new file created 0600 and then renamed over the target: the digests are never
 * readable by others, not even for a moment, and an existing file of another mode is replaced.
 */
async function writePrivate(file: string, content: string) {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const handle = await open(temp, 'wx', 0o600).catch((err: NodeJS.ErrnoException) => {
    throw new CliError(`cannot write ${file}: ${err.code === 'ENOENT' ? 'no such directory' : err.message}`);
  });
  try {
    await handle.writeFile(content);
  } catch (err) {
    await handle.close();
    await rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  await rename(temp, file);
}

export function registerBackup(program: Command): void {
  program
    .command('restore')
    .description('restore a tenant from a backup made by `export tenant` (platform admins): its phones keep their secrets; nothing is written when the backup is invalid or conflicts with this database')
    .argument('<file>', 'the backup file, or - to read it from standard input')
    .option('--dry-run', 'check the backup and this database and show what would be created, writing nothing')
    .action(
      action('restore', async (ctx: CliCtx, file: string, opts: { dryRun?: boolean }) => {
        const raw = parseJson(await readInput(file), file);
        const bar = opts.dryRun ? null : ctx.progress('restoring extensions');
        let summary: RestoreSummary;
        try {
          summary = await restoreTenant(ctx, raw, { dryRun: opts.dryRun, onProgress: (done, total) => bar?.update(done, total) });
        } catch (err) {
          bar?.finish();
          throw problemsOf(err, ctx.json);
        }
        bar?.finish();
        ctx.print(summary, () => summaryText(summary));
      }),
    );
}

async function readInput(file: string): Promise<string> {
  try {
    if (file !== '-') return await readFile(file, 'utf8');
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new CliError(`cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    throw new CliError(`${file} is not a JSON document: ${message}`, EXIT.failed, { errors: [{ path: '(document)', message: 'is not JSON' }] });
  }
}

/** An invalid document fails (1); conflicts with this database are exit 3; both list every problem. */
function problemsOf(err: unknown, json: boolean): unknown {
  if (!isAppError(err) || (err.code !== 'validation' && err.code !== 'conflict')) return err;
  const list = flatten(err.fieldErrors ?? {});
  const lines = list.slice(0, SHOWN).map((p) => `  ${p.path}: ${p.message}`);
  if (list.length > SHOWN) lines.push(`  ... and ${list.length - SHOWN} more (--json lists them all)`);
  const text = json ? err.message : [err.message, ...lines].join('\n');
  return err.code === 'validation'
    ? new CliError(text, EXIT.failed, { errors: list })
    : new CliError(text, EXIT.partial, { conflicts: list });
}

const many = (n: number, one: string, more = `${one}s`) => `${n} ${n === 1 ? one : more}`;

const flatten = (errors: FieldErrors) =>
  Object.entries(errors).flatMap(([p, messages]) => messages.map((message) => ({ path: p, message })));

function summaryText(s: RestoreSummary): string {
  const t = s.tenant;
  const counts = `${many(s.dids.length, 'DID')}, ${many(s.extensions, 'extension')}, ${many(s.mailboxes, 'mailbox', 'mailboxes')}${s.directory ? ', directory settings' : ''}`;
  const head = s.dryRun
    ? `dry run: would restore tenant ${t.slug} (${t.name}, ${t.sipDomain}, context ${t.context}) with ${counts}; nothing was written`
    : `restored tenant ${t.slug} (${t.name}, ${t.sipDomain}, context ${t.context}) with ${counts}`;
  const dids = s.dids.length ? [`DIDs: ${s.dids.join(', ')}`] : [];
  const warnings = s.warnings.map((w) => `warning: ${w}`);
  return [head, ...dids, ...warnings].join('\n');
}
