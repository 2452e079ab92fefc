import type { Command } from 'commander';
import { databaseUrl } from '../../lib/db/client.ts';
import { engineOf } from '../../lib/db/engine.ts';
import { checkMariadbAsterisk, describeMariadbCheck } from '../../lib/db/mariadb-check.ts';
import { migrate } from '../../lib/db/migrate.ts';
import { asteriskSchemaReport } from '../../lib/db/schema-report.ts';
import type { CheckReport, IntegrityReport } from '../../lib/domain/integrity/types.ts';
import { verifyIntegrity } from '../../lib/domain/integrity/verify.ts';
import { isAppError } from '../../lib/errors.ts';
import { action, CliError, EXIT, type CliCtx } from '../support.ts';

export function registerDb(program: Command): void {
  const db = program.command('db').description('the database: check its integrity, apply migrations');

  db.command('verify')
    .description(
      "check the connection, the migrations, Asterisk's schema and the tenants' Asterisk rows against Switchboard's records; " +
        'exit 0 when all is well (or all was fixed), 1 when problems remain',
    )
    .option('--fix', 'repair what is safe to repair: each repair is listed and audited')
    .option('--tenant <slug>', "only this tenant's rows (the checks of the database itself still run)")
    .action(
      action('db:verify', async (ctx: CliCtx, opts: { fix?: boolean; tenant?: string }) => {
        let report: IntegrityReport;
        try {
          report = await verifyIntegrity(ctx, { fix: opts.fix, tenant: opts.tenant });
        } catch (err) {
          if (isAppError(err) && err.code === 'not_found') throw new CliError(`no tenant with slug "${opts.tenant}"`);
          throw err;
        }
        ctx.print(report, () => describeReport(report));
        return report.ok ? EXIT.ok : EXIT.failed;
      }),
    );

  db.command('check-mariadb')
    .description(
      "whether the Asterisk tables of a MariaDB/MySQL database (Asterisk's realtime through ODBC) can hold the rows Switchboard writes: " +
        'sample rows written in strict mode, read back, rolled back; exit 0 when they all fit, 1 when not',
    )
    .argument('[url]', 'mysql://user:password@host:3306/asterisk (default: DATABASE_URL)')
    .action(
      action('db:check-mariadb', async (ctx: CliCtx, url: string | undefined) => {
        const target = url ?? process.env.DATABASE_URL;
        if (!target) throw new CliError('name the database: switchboard db check-mariadb mysql://user:password@host:3306/asterisk', EXIT.usage);
        let engine;
        try {
          engine = engineOf(target);
        } catch (err) {
          throw new CliError((err as Error).message, EXIT.usage);
        }
        if (engine !== 'mariadb') throw new CliError('check-mariadb takes a mysql:// or mariadb:// URL', EXIT.usage);
        let report;
        try {
          report = await checkMariadbAsterisk(target);
        } catch (err) {
          throw new CliError(`cannot check ${new URL(target).host}: ${(err as { sqlMessage?: string }).sqlMessage ?? (err as Error).message}`);
        }
        ctx.print(report, () => describeMariadbCheck(report).join('\n'));
        return report.ok ? EXIT.ok : EXIT.failed;
      }),
    );

  db.command('migrate')
    .description("apply pending migrations (Asterisk's realtime tables, then Switchboard's); safe to run again")
    .action(
      action('db:migrate', async (ctx: CliCtx) => {
        const url = databaseUrl();
        const say = (line: string) => (ctx.json ? undefined : console.log(line));
        let applied: string[];
        try {
          applied = (await migrate(url, say)).applied;
        } catch (err) {
          throw new CliError(`migration failed: ${(err as Error)?.message ?? String(err)}`);
        }
        say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database is up to date, nothing to apply');
        const schema = await asteriskSchemaReport(url);
        ctx.print({ applied, asteriskSchema: schema.detail }, () => schema.lines.join('\n'));
        // The steps ran, but Switchboard's writes will fail on a missing column: partly done.
        return schema.missing.length ? EXIT.partial : EXIT.ok;
      }),
    );
}

const STATUS_WIDTH = 'problem'.length;
const indent = (text: string) => `    ${text}`;

/** One line per check, then, under a check that is not ok, its rows, repairs and advice. */
export function describeReport(report: IntegrityReport): string {
  const idWidth = Math.max(...report.checks.map((c) => c.id.length));
  const lines: string[] = [];
  for (const c of report.checks) {
    lines.push(`${c.status.padEnd(STATUS_WIDTH)}  ${c.id.padEnd(idWidth)}  ${c.summary}${hint(c, report.fix)}`);
    if (c.status === 'ok' || c.status === 'skipped') continue;
    // Once fixed, the repairs say it all; otherwise the rows found, then what was repaired of them.
    if (c.status !== 'fixed') {
      for (const r of c.rows) lines.push(indent(`${r.tenant ?? '-'}  ${r.table}  ${r.id}  ${r.detail}`));
      if (c.rows.length && c.count > c.rows.length) lines.push(indent(`... and ${(c.count - c.rows.length).toLocaleString('en')} more`));
    }
    for (const r of c.repairs ?? []) lines.push(indent(`repaired: ${r.tenant ?? '-'}  ${r.table}  ${r.id}  ${r.done}`));
    if (c.error) lines.push(indent(`error: ${c.error}`));
    if (c.status === 'problem' && c.advice) lines.push(indent(`what to do: ${c.advice}`));
  }
  const { ok, problem, fixed, error, skipped } = report.counts;
  const tally = [`${ok} ok`, fixed && `${fixed} fixed`, problem && `${problem} with problems`, error && `${error} failed`, skipped && `${skipped} skipped`].filter(Boolean);
  lines.push('', `${report.checks.length} checks${report.tenant ? ` (tenant ${report.tenant})` : ''}: ${tally.join(', ')}`);
  return lines.join('\n');
}

function hint(c: CheckReport, fix: boolean): string {
  if (c.status !== 'problem') return '';
  if (c.remaining !== undefined) return ` (${c.remaining.toLocaleString('en')} left after the repair)`;
  return c.fixable && !fix ? ' (--fix repairs this)' : '';
}
