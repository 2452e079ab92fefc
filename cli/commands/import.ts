import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { showOnce } from '../../lib/cli/show-once.ts';
import { IMPORT_COLUMNS } from '../../lib/domain/import/columns.ts';
import { importExtensions, type ImportOptions } from '../../lib/domain/import/import-extensions.ts';
import { csvReader } from '../../lib/domain/import/read-csv.ts';
import { yamlReader } from '../../lib/domain/import/read-yaml.ts';
import type { ImportReader } from '../../lib/domain/import/reader.ts';
import { describeAt, describeIssue, type ImportFormat, type ImportIssue, type ImportReport } from '../../lib/domain/import/report.ts';
import { action, EXIT, table, usageError, type CliCtx, type ExitCode } from '../support.ts';
import { tenantBySlug } from './tenants.ts';

type Opts = { tenant: string; dryRun?: boolean; partial?: boolean; skipExisting?: boolean };

const COLUMNS_HELP = `
Columns (CSV header) or keys (YAML):
  ${IMPORT_COLUMNS.join(', ')}.
name may be given as display_name, password as secret. Flags take true/false, yes/no or 1/0; empty
means the default (allow_external and active: yes). voicemail: yes gives a box with a generated PIN
unless voicemail_pin is given. caller_id is one of the tenant's DIDs (empty: its main number).
A missing password is generated. Generated secrets and PINs are shown once (on a terminal), or
written to an owner-only file whose path is printed.
Exit codes: 0 done, 1 nothing written because of errors (or the tenant is unknown), 2 bad usage
(no such file), 3 partly written (--partial).`;

export function registerImport(program: Command): void {
  const group = program.command('import').description("bring a PBX's users in as extensions: from a config.yml (yaml) or a spreadsheet (csv)");

  group
    .command('yaml')
    .description('import the entries of a config.yml\'s top-level `extensions:` list; numbers already present are skipped')
    .argument('<file>', 'the YAML file')
    .requiredOption('--tenant <slug>', 'the tenant to import into')
    .option('--dry-run', 'print what would happen to each entry; write nothing')
    .option('--partial', 'write the valid entries even when others have errors (exit 3); without it, all or nothing')
    .addHelpText('after', COLUMNS_HELP)
    .action(action('import:yaml', (ctx: CliCtx, file: string, opts: Opts) => runImport(ctx, 'yaml', file, opts)));

  group
    .command('csv')
    .description('import the rows of a CSV file whose first line names the columns; all or nothing')
    .argument('<file>', 'the CSV file (UTF-8, comma-separated)')
    .requiredOption('--tenant <slug>', 'the tenant to import into')
    .option('--dry-run', 'print what would happen to each line; write nothing')
    .option('--skip-existing', 'skip numbers the tenant already has (by default they are errors)')
    .addHelpText('after', COLUMNS_HELP)
    .action(action('import:csv', (ctx: CliCtx, file: string, opts: Opts) => runImport(ctx, 'csv', file, opts)));
}

async function runImport(ctx: CliCtx, format: ImportFormat, file: string, opts: Opts): Promise<ExitCode> {
  const size = await stat(file).then(
    (s) => (s.isFile() ? s.size : null),
    () => null,
  );
  if (size === null) throw usageError(`no such file: ${file}`);
  const tenant = await tenantBySlug(ctx, opts.tenant);
  const checking = ctx.progress('checking');
  let reader: ImportReader;
  if (format === 'csv') {
    reader = csvReader(counted(createReadStream(file), (read) => checking.update(read, size)));
  } else {
    reader = yamlReader(await readFile(file, 'utf8'));
  }
  const writing = ctx.progress('writing');
  const options: ImportOptions = {
    file: path.basename(file),
    dryRun: opts.dryRun,
    existing: format === 'yaml' || opts.skipExisting ? 'skip' : 'error',
    partial: opts.partial,
    onProgress: (phase, done, total) => {
      if (phase === 'check' && done === total) checking.finish();
      if (phase === 'write') writing.update(done, total);
    },
  };
  const report = await importExtensions(ctx, tenant.id, reader, options);
  if (report.counts.created && !report.dryRun) writing.finish();

  // Secrets after the summary on a terminal; with --json first, so the JSON can name their file.
  if (ctx.json) ctx.print(reportJson(report, report.secrets.length ? await showSecrets(ctx, report) : null), '');
  else {
    ctx.print(null, reportText(report, opts));
    if (report.secrets.length) await showSecrets(ctx, report);
  }
  return report.outcome === 'done' ? EXIT.ok : report.outcome === 'partial' ? EXIT.partial : EXIT.failed;
}

/** The file's bytes as they are read (for the bar): lazily, so nothing flows before the reader asks. */
async function* counted(stream: AsyncIterable<Buffer>, onRead: (bytes: number) => void): AsyncGenerator<Buffer> {
  let read = 0;
  for await (const chunk of stream) {
    onRead((read += chunk.length));
    yield chunk;
  }
}

/** The generated secrets, once: on the terminal, else in an owner-only file (with --json: its path in the JSON). */
async function showSecrets(ctx: CliCtx, report: ImportReport): Promise<string | null> {
  const rows = report.secrets.map((s) => [s.number, s.secret ?? '(given in the file)', s.voicemailPin ?? '']);
  const lines = table(['NUMBER', 'SIP SECRET', 'VOICEMAIL PIN'], rows).split('\n');
  const title = `Generated secrets of the extensions imported into ${report.tenant} (shown once)`;
  return showOnce(title, lines, ctx.json ? { out: process.stderr } : {});
}

const issueJson = (i: ImportIssue) => ({ line: i.at?.line ?? null, entry: i.at?.entry ?? null, column: i.column ?? null, message: i.message });

function reportJson(r: ImportReport, secretsFile: string | null) {
  return {
    file: r.file,
    format: r.format,
    tenant: r.tenant,
    dry_run: r.dryRun,
    outcome: r.outcome,
    unreadable: r.unreadable,
    counts: r.counts,
    errors: r.errors.map(issueJson),
    warnings: r.warnings.map(issueJson),
    ...(r.dryRun ? { entries: r.outcomes.map((o) => ({ line: o.at.line ?? null, entry: o.at.entry ?? null, number: o.number, action: o.action, reasons: o.reasons ?? [] })) } : {}),
    ...(r.secrets.length ? { secrets_generated: r.secrets.length, secrets_file: secretsFile } : {}),
  };
}

function reportText(r: ImportReport, opts: Opts): string {
  const yaml = r.format === 'yaml';
  const unit = (n: number) => (yaml ? (n === 1 ? 'entry' : 'entries') : n === 1 ? 'line' : 'lines');
  const out: string[] = [];
  if (r.dryRun && r.outcomes.length) {
    out.push(`Dry run: ${r.file} into tenant ${r.tenant}. Nothing was written.`);
    out.push(table([yaml ? 'ENTRY' : 'LINE', 'NUMBER', 'ACTION', 'REASON'], r.outcomes.map((o) => [describeAt(o.at), o.number || '-', o.action, o.reasons?.join('; ') ?? ''])));
  }
  if (r.warnings.length) out.push('Warnings:', ...r.warnings.map((w) => `  ${describeIssue(w)}`));
  const { created, skipped, errors } = r.counts;
  const made = yaml ? 'migrated' : 'created';
  const skippedText = `${skipped} skipped (already present)`;
  if (r.unreadable) {
    // Problems of the file itself: no row was checked.
    out.push(`Nothing was ${r.dryRun ? 'checked' : 'written'}: ${r.file} cannot be read.`, ...r.errors.map((e) => `  ${describeIssue(e)}`));
    return out.join('\n');
  }
  if (r.dryRun) {
    if (r.outcome === 'failed')
      out.push(`Would write nothing: ${errors} ${unit(errors)} with errors${yaml && !opts.partial && r.counts.valid ? ' (add --partial to write the valid entries)' : ''}; ${r.counts.valid} valid, ${skippedText}.`);
    else out.push(`Would ${yaml ? 'migrate' : 'create'} ${created}, ${skippedText}${errors ? `, leave out ${errors} ${unit(errors)} with errors` : ''}.`);
    return out.join('\n');
  }
  if (r.outcome === 'failed') {
    out.push(`Nothing was written: ${errors} ${unit(errors)} with errors (${r.counts.valid} valid, ${skipped} already present).`);
    if (!yaml && !opts.skipExisting && r.errors.some((e) => e.message.includes('already in use')))
      out.push('Numbers the tenant already has are errors: --skip-existing skips them.');
    if (yaml && !opts.partial && r.counts.valid) out.push('--partial writes the valid entries and reports the others.');
  } else out.push(`${r.file} into tenant ${r.tenant}: ${created} ${made}, ${skippedText}, ${errors} ${unit(errors)} with errors${r.outcome === 'partial' ? ' left out' : ''}.`);
  if (r.errors.length) out.push('Errors:', ...r.errors.map((e) => `  ${describeIssue(e)}`));
  return out.join('\n');
}
