import { InvalidArgumentError, type Command } from 'commander';
import { adoptEndpoints, type AdoptionResult } from '../../lib/domain/adopt/adopt-endpoints.ts';
import { listUnowned, type UnownedEndpoint } from '../../lib/domain/adopt/list-unowned.ts';
import type { PlanItem } from '../../lib/domain/adopt/plan.ts';
import { action, EXIT, intOption, table, type CliCtx, type ExitCode } from '../support.ts';
import { tenantBySlug } from './tenants.ts';

/** The domain's field names as this command's options, so a refusal names what to change. */
const FLAGS = {
  context: '--context', match: '--match', regex: '--regex', ids: '--ids', limit: '--limit',
  numberFrom: '--number-from', convertSecrets: '--convert-secrets', setContext: '--set-context',
};

const idList = (value: string) => {
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (!ids.length) throw new InvalidArgumentError('--ids needs at least one endpoint id');
  return ids;
};

const unownedJson = (e: UnownedEndpoint) => ({
  id: e.id, context: e.context, callerid: e.callerid, number: e.number, auth_id: e.authId,
  auth: e.auth && { type: e.auth.type, username: e.auth.username, plaintext: e.auth.plaintext, realm: e.auth.realm },
  aor_id: e.aorId, max_contacts: e.aor?.maxContacts ?? null, registrations: e.registrations, voicemail: e.voicemail, trunk: e.trunk,
});

const authCell = (e: UnownedEndpoint) =>
  !e.authId ? 'none' : !e.auth ? `${e.authId} (missing)` : `${e.auth.type ?? 'userpass'}${e.auth.plaintext ? ' plaintext' : ''}${e.auth.realm ? ` @${e.auth.realm}` : ''}`;
const aorCell = (e: UnownedEndpoint) => (!e.aorId ? 'none' : !e.aor ? `${e.aorId} (missing)` : `max ${e.aor.maxContacts ?? 0}`);

const itemJson = (i: PlanItem) => ({
  endpoint_id: i.endpointId, action: i.action, number: i.number, display_name: i.displayName, email: i.email,
  context: i.context, auth_id: i.authId, aor_id: i.aorId, active: i.active, max_contacts: i.maxContacts,
  voicemail: i.voicemail?.box ?? null, registrations: i.registrations, reasons: i.reasons, warnings: i.warnings, changes: i.changes,
});

/** One block per endpoint: what happens to it, why, what is written, what to know. */
function planText(r: AdoptionResult): string {
  const lines: string[] = [];
  for (const i of r.plan.items) {
    const extras = [i.voicemail && `mailbox ${i.voicemail.box}`, i.registrations && `${i.registrations} registered`].filter(Boolean).join(', ');
    const target = i.number ? `-> ${i.number} "${i.displayName}"` : '';
    lines.push(`${i.action.toUpperCase().padEnd(8)}  ${i.endpointId}  ${target}${extras ? `  (${extras})` : ''}`.trimEnd());
    for (const reason of i.reasons) lines.push(`          x ${reason}`);
    for (const change of i.changes) lines.push(`          * ${change}`);
    for (const warning of i.warnings) lines.push(`          ! ${warning}`);
  }
  const { adopt, skip, conflict } = r.plan.counts;
  const s = (n: number) => (n === 1 ? '' : 's');
  lines.push('', `Tenant ${r.plan.tenant.slug} (context ${r.plan.tenant.context}): ${adopt} to adopt, ${skip} skipped, ${conflict} in conflict.`);
  if (r.status === 'planned')
    lines.push(
      !r.plan.items.length
        ? 'No endpoint matches: nothing to adopt.'
        : conflict && !r.plan.options.skipConflicts
          ? `Dry run: nothing was written. Resolve the conflicts, or add --skip-conflicts, then run again with --yes.`
          : `Dry run: nothing was written. Run again with --yes to adopt ${adopt} endpoint${s(adopt)}.`,
    );
  else if (r.status === 'stopped')
    lines.push(`Nothing was adopted: ${conflict} conflict${s(conflict)}. Resolve them, or add --skip-conflicts to adopt the other ${adopt}.`);
  else lines.push(`Adopted ${r.adopted} endpoint${s(r.adopted)} into ${r.plan.tenant.slug}${conflict ? `; ${conflict} left as they are (conflicts)` : ''}.`);
  return lines.join('\n');
}

type RunOpts = {
  tenant: string; match?: string; regex?: string; context?: string; ids?: string[]; numberFrom?: string;
  convertSecrets?: boolean; setContext?: boolean; skipConflicts?: boolean; dryRun?: boolean; yes?: boolean;
};

export function registerAdopt(program: Command): void {
  const adopt = program
    .command('adopt')
    .description("bring endpoints that already exist in Asterisk's tables (made by hand or another tool) under a tenant");

  adopt
    .command('list')
    .description("endpoints no extension owns, with their auth, AOR, registrations and mailbox (tenants' outbound trunks are left out)")
    .option('--context <context>', 'only endpoints of this dialplan context')
    .option('--match <pattern>', 'only ids matching this pattern: * any characters, ? one (quote it: "acme-*")')
    .option('--regex <re>', 'only ids this regular expression matches (anchor it with ^ and $ for whole ids)')
    .option('--limit <n>', 'show at most this many (default 1000)', intOption('--limit'))
    .action(
      action(
        'adopt:list',
        async (ctx: CliCtx, opts: { context?: string; match?: string; regex?: string; limit?: number }) => {
          const { items, total } = await listUnowned(ctx, { context: opts.context, match: opts.match, regex: opts.regex, limit: opts.limit });
          ctx.print({ total, items: items.map(unownedJson) }, () => {
            if (!items.length) return 'no unowned endpoints';
            const rows = items.map((e) => [e.id, e.context, e.number, authCell(e), aorCell(e), e.registrations, e.voicemail, e.trunk ? `trunk? ${e.trunk}` : e.callerid]);
            const more = total > items.length ? `\n... and ${total - items.length} more (raise --limit or narrow the selection)` : '';
            return table(['ENDPOINT', 'CONTEXT', 'NUMBER', 'AUTH', 'AOR', 'REG', 'VOICEMAIL', 'CALLER ID / NOTE'], rows) + more;
          });
        },
        FLAGS,
      ),
    );

  adopt
    .command('run')
    .description('adopt endpoints into a tenant. Prints the plan (a dry run) unless --yes is given; writes it all in one transaction')
    .requiredOption('--tenant <slug>', 'the tenant that takes the endpoints over')
    .option('--match <pattern>', 'endpoints whose id matches: * any characters, ? one (quote it: "acme-*")')
    .option('--regex <re>', 'endpoints whose id this regular expression matches')
    .option('--context <context>', 'endpoints of this dialplan context (with --match or --regex: both must hold)')
    .option('--ids <a,b,c>', 'exactly these endpoint ids, comma-separated', idList)
    .option('--number-from <regex>', 'read the number from the id with this regular expression\'s first group, e.g. "^acme-(\\d+)$" (default: the last digits)')
    .option('--convert-secrets', 'replace plaintext passwords with md5 digests (phones keep their passwords)')
    .option('--set-context', "move the phones into the tenant's context, so its dialplan and call rules apply to them")
    .option('--skip-conflicts', 'adopt the endpoints without conflicts and leave the others as they are')
    .option('--dry-run', 'print the plan only, even with --yes')
    .option('--yes', 'write the adoption (without it, only the plan is printed)')
    .addHelpText(
      'after',
      `
Nothing in Asterisk's rows changes unless --convert-secrets or --set-context asks: ids, passwords and
registrations stay as they are, so phones keep working. Exit 3 when conflicts stopped the adoption or
were skipped (also for a plan that has conflicts), 0 otherwise.`,
    )
    .action(
      action(
        'adopt:run',
        async (ctx: CliCtx, opts: RunOpts): Promise<ExitCode> => {
          const tenant = await tenantBySlug(ctx, opts.tenant);
          const dryRun = Boolean(opts.dryRun || !opts.yes);
          const bar = ctx.progress('adopting');
          const result = await adoptEndpoints(
            ctx,
            tenant.id,
            { match: opts.match, regex: opts.regex, context: opts.context, ids: opts.ids },
            { numberFrom: opts.numberFrom, convertSecrets: Boolean(opts.convertSecrets), setContext: Boolean(opts.setContext), skipConflicts: Boolean(opts.skipConflicts), dryRun },
            { onProgress: (done, total) => bar.update(done, total) },
          );
          if (result.adopted) bar.finish();
          ctx.print(
            { tenant: tenant.slug, dry_run: dryRun, status: result.status, adopted: result.adopted, counts: result.plan.counts, items: result.plan.items.map(itemJson) },
            () => planText(result),
          );
          return result.plan.counts.conflict ? EXIT.partial : EXIT.ok;
        },
        FLAGS,
      ),
    );
}
