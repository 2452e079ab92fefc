import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { exportExtensionsCsv } from '../../lib/domain/export/export-csv.ts';
import { parseFlag } from '../../lib/domain/import/columns.ts';
import { action, usageError, type CliCtx } from '../support.ts';
import { exportTenantCommand } from './backup.ts';
import { tenantBySlug } from './tenants.ts';

type CsvOpts = { tenant: string; out?: string; q?: string; active?: boolean; allowExternal?: boolean; adSynced?: boolean };

const flagOption = (name: string) => (value: string) => {
  const parsed = parseFlag(value);
  if (typeof parsed !== 'boolean') throw new InvalidArgumentError(`${name} takes yes or no (true/false, 1/0)`);
  return parsed;
};

export function registerExport(program: Command): void {
  const group = program.command('export').description("take a tenant's data out: its extensions as CSV, or the whole tenant as a backup");

  group
    .command('csv')
    .description("a tenant's extensions as CSV, with the columns `import csv` reads; SIP secrets and voicemail PINs are never exported")
    .requiredOption('--tenant <slug>', 'the tenant to export')
    .option('--out <file>', 'write to this file (default: standard output)')
    .option('--q <text>', 'only extensions whose number, name or e-mail contains this')
    .option('--active <yes|no>', 'only active (yes) or deactivated (no) extensions', flagOption('--active'))
    .option('--allow-external <yes|no>', 'only extensions that may (yes) or may not (no) call outside', flagOption('--allow-external'))
    .option('--ad-synced <yes|no>', 'only extensions synced from the directory (yes) or not (no)', flagOption('--ad-synced'))
    .addHelpText(
      'after',
      `
voicemail says whether a box exists (yes/no); importing the file gives such boxes new PINs and every
extension a new SIP secret. An empty caller_id follows the tenant's main number.`,
    )
    .action(
      action(
        'export:csv',
        async (ctx: CliCtx, opts: CsvOpts) => {
          if (ctx.json && !opts.out) throw usageError('--json needs --out: without it the CSV itself is written to standard output');
          const tenant = await tenantBySlug(ctx, opts.tenant);
          const { csv, total } = await exportExtensionsCsv(ctx, tenant.id, { q: opts.q, active: opts.active, allowExternal: opts.allowExternal, adSynced: opts.adSynced });
          // Not over the CSV itself when both go to the same terminal.
          const bar = !opts.out && process.stdout.isTTY ? { update() {}, finish() {} } : ctx.progress('exporting');
          let rows = -1; // the header is a line too
          const count = new Transform({
            transform(chunk: Buffer, _enc, done) {
              for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
              bar.update(Math.max(rows, 0), total);
              done(null, chunk);
            },
          });
          if (!opts.out) {
            // A reader that stops early (`| head`) is not a failure of the export.
            await pipeline(csv, count, process.stdout).catch((err: NodeJS.ErrnoException) => {
              if (err.code !== 'EPIPE') throw err;
            });
            bar.finish();
            return;
          }
          // Into a temporary file renamed at the end: a failure never leaves half a file under the name.
          const file = path.resolve(opts.out);
          const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
          try {
            await pipeline(csv, count, createWriteStream(temp, { flags: 'wx' }));
            await rename(temp, file);
          } catch (err) {
            await rm(temp, { force: true });
            throw err;
          }
          bar.finish();
          ctx.print({ tenant: tenant.slug, file, extensions: rows }, `wrote ${rows} extension${rows === 1 ? '' : 's'} of tenant ${tenant.slug} to ${file}`);
        },
        { q: '--q', active: '--active', allowExternal: '--allow-external', adSynced: '--ad-synced' },
      ),
    );

  group.addCommand(exportTenantCommand());
}
