import type { Command } from 'commander';
import { ldapGateway } from '../../lib/directory/gateway.ts';
import type { DirectoryGateway } from '../../lib/domain/directory/gateway.ts';
import type { SyncPlan } from '../../lib/domain/directory/plan.ts';
import { syncDirectory } from '../../lib/domain/directory/sync.ts';
import { testDirectory } from '../../lib/domain/directory/test-directory.ts';
import { action, EXIT, type CliCtx } from '../support.ts';

/** Every change of a plan, one line each, for --verbose. */
function planLines(p: SyncPlan): string[] {
  return [
    ...p.creates.map((c) => `  create   ${c.number}  ${c.name}${c.email ? ` <${c.email}>` : ''}${c.login ? `  (${c.login})` : ''}`),
    ...p.updates.map((u) => `  update   ${u.number}  ${Object.entries(u.changes).map(([k, v]) => `${k}=${v ?? '(none)'}`).join(', ')}`),
    ...p.deactivations.map((d) => `  deactivate ${d.number}  (${d.reason}; removed after ${d.removalDueAt.toISOString().slice(0, 10)})`),
    ...p.removals.map((r) => `  remove   ${r.number}`),
    ...p.reactivations.map((r) => `  reactivate ${r.number}`),
  ];
}

export function registerDirectory(program: Command): void {
  const directory = program.command('directory').description("a tenant's Active Directory / LDAP sync");

  directory
    .command('test')
    .description('connect, bind and search with the saved settings; show five mapped users')
    .requiredOption('--tenant <slug>', 'the tenant')
    .action(
      action('directory', async (ctx: CliCtx, opts: { tenant: string }) => {
        const result = await testDirectory(ctx, opts.tenant, ldapGateway);
        const sample = result.ok
          ? result.sample.map((u) => `  ${u.login ?? '-'}  ${u.name}  ${u.email ?? '-'}  ${u.number ?? `(${u.numberProblem})`}${u.disabled ? '  disabled' : ''}`).join('\n')
          : '';
        ctx.print(result, `${result.message}${sample ? `\n${sample}` : ''}`);
        return result.ok ? EXIT.ok : EXIT.failed;
      }),
    );

  directory
    .command('sync')
    .description('sync now (here, not on the queue); --dry-run shows the plan and changes nothing')
    .requiredOption('--tenant <slug>', 'the tenant')
    .option('--dry-run', 'plan only: what a sync would create, change and remove')
    .option('--confirm', 'go ahead although more extensions would go than the safety limit allows')
    .option('--verbose', 'list every planned change, not only the counts')
    .action(
      action('directory', async (ctx: CliCtx, opts: { tenant: string; dryRun?: boolean; confirm?: boolean; verbose?: boolean }) => {
        const bar = ctx.progress('reading the directory');
        const gateway: DirectoryGateway = { read: (conn, q) => ldapGateway.read(conn, q, (n) => bar.update(n)) };
        const mode = opts.dryRun ? 'preview' : 'sync';
        const outcome = await syncDirectory(ctx, opts.tenant, { mode, trigger: 'cli', gateway, confirmed: opts.confirm });
        bar.finish();
        if (outcome.status === 'failed') {
          ctx.print(outcome, `failed: ${outcome.error}`);
          return EXIT.failed;
        }
        const s = outcome.summary!;
        const p = outcome.plan!;
        const head = mode === 'preview' ? 'dry run (nothing changed)' : outcome.status === 'stopped' ? 'STOPPED by the safety limit: nothing changed' : 'synced';
        const lines = [
          `${head} in ${s.durationMs} ms: ${s.users} directory users`,
          `  create ${s.created}, update ${s.updated}, renumber ${s.renumbered}, deactivate ${s.deactivated}, remove ${s.removed}, reactivate ${s.reactivated}, unchanged ${s.unchanged}, waiting for removal ${s.pending}`,
          ...(p.safety.tripped
            ? [`  would deactivate or remove ${p.safety.affected} of ${p.safety.synced} synced extensions (limit ${p.safety.limitPercent}%)${outcome.status === 'stopped' ? '; rerun with --confirm to go ahead' : ''}`]
            : []),
          ...(opts.verbose ? planLines(p) : []),
          `  conflicts ${s.conflicts}`,
          ...(opts.verbose ? p.conflicts : p.conflicts.slice(0, 20)).map((c) => `    ${c.login ?? c.dn}: ${c.detail}`),
          ...(!opts.verbose && p.conflicts.length > 20 ? [`    ... ${p.conflicts.length - 20} more (--verbose lists them all)`] : []),
          `  run ${outcome.runId}`,
        ];
        ctx.print(outcome, lines.join('\n'));
        return outcome.status === 'stopped' || s.conflicts > 0 ? EXIT.partial : EXIT.ok;
      }),
    );
}
