import type { Command } from 'commander';
import { showOnce } from '../../lib/cli/show-once.ts';
import { createExtension } from '../../lib/domain/extension/create-extension.ts';
import { deleteExtension } from '../../lib/domain/extension/delete-extension.ts';
import { listExtensions } from '../../lib/domain/extension/list-extensions.ts';
import { resolveExtensionId } from '../../lib/domain/extension/resolve.ts';
import type { ExtensionInput, ExtensionUpdateInput } from '../../lib/domain/extension/schemas.ts';
import { updateExtension } from '../../lib/domain/extension/update-extension.ts';
import type { ExtensionView } from '../../lib/domain/extension/view.ts';
import { action, intOption, table, usageError, type CliCtx } from '../support.ts';
import { allTenants, tenantBySlug } from './tenants.ts';

type Row = ExtensionView & { tenantSlug: string };

const extensionJson = (e: Row) => ({
  id: e.id, tenant: e.tenantSlug, number: e.number, display_name: e.displayName, email: e.email,
  allow_external: e.allowExternal, active: e.active, max_contacts: e.maxContacts, has_voicemail: e.hasVoicemail,
  ad_synced: e.adSynced, ad_username: e.adUsername, endpoint_id: e.endpointId, created_at: e.createdAt, updated_at: e.updatedAt,
});

const FLAGS = {
  number: '--number', displayName: '--name', email: '--email', allowExternal: '--external', active: '--active',
  maxContacts: '--max-contacts', voicemailPin: '--voicemail-pin', secret: '--secret', callerId: '--caller-id',
};

type ListOpts = { tenant?: string; adOnly?: boolean; active?: boolean; q?: string };
type FieldOpts = { name?: string; email?: string; external?: boolean; active?: boolean; maxContacts?: number; voicemailPin?: string; callerId?: string };

/** Every extension of the tenants asked for, page after page. */
async function* extensionsOf(ctx: CliCtx, opts: ListOpts): AsyncGenerator<Row> {
  const tenants = opts.tenant ? [await tenantBySlug(ctx, opts.tenant)] : await allTenantRefs(ctx);
  for (const t of tenants) {
    let cursor: string | undefined;
    do {
      const page = await listExtensions(ctx, t.id, { q: opts.q, adSynced: opts.adOnly ? true : undefined, active: opts.active, limit: 200, cursor });
      for (const e of page.items) yield { ...e, tenantSlug: t.slug };
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
}

async function allTenantRefs(ctx: CliCtx) {
  return (await allTenants(ctx)).map((t) => ({ id: t.id, slug: t.slug })).sort((a, b) => a.slug.localeCompare(b.slug));
}

/** Only the options given: an update never resets what it was not told. */
function fieldsOf(opts: FieldOpts): ExtensionUpdateInput {
  const out: ExtensionUpdateInput = {};
  if (opts.name !== undefined) out.displayName = opts.name;
  if (opts.email !== undefined) out.email = opts.email;
  if (opts.external !== undefined) out.allowExternal = opts.external;
  if (opts.active !== undefined) out.active = opts.active;
  if (opts.maxContacts !== undefined) out.maxContacts = opts.maxContacts;
  if (opts.voicemailPin !== undefined) out.voicemailPin = opts.voicemailPin;
  if (opts.callerId !== undefined) out.callerId = opts.callerId;
  return out;
}

const fieldOptions = (c: Command) =>
  c
    .option('--email <address>', 'e-mail (voicemail is sent there); "" clears it')
    .option('--external', 'may call outside numbers')
    .option('--no-external', 'internal calls only')
    .option('--max-contacts <n>', 'phones that may register at once (1-10)', intOption('--max-contacts'))
    .option('--voicemail-pin <pin>', 'give it a voicemail box with this PIN (4-10 digits); "" removes the box')
    .option('--caller-id <did>', "one of the tenant's numbers to present outside; \"\" follows the main number");

export function registerExtensions(program: Command): void {
  const extensions = program.command('extensions').description("a tenant's phone accounts");

  extensions
    .command('list')
    .description('extensions of one tenant, or of every tenant')
    .option('--tenant <slug>', 'only this tenant')
    .option('--ad-only', 'only extensions synced from a directory')
    .option('--active', 'only active extensions')
    .option('--inactive', 'only deactivated extensions')
    .option('--q <text>', 'number, name or e-mail contains this')
    .action(
      action('extensions:list', async (ctx: CliCtx, opts: ListOpts & { inactive?: boolean }) => {
        if (opts.active && opts.inactive) throw usageError('give --active or --inactive, not both');
        const rows: Row[] = [];
        for await (const e of extensionsOf(ctx, { ...opts, active: opts.active ? true : opts.inactive ? false : undefined })) rows.push(e);
        ctx.print(rows.map(extensionJson), () =>
          rows.length
            ? table(
                ['TENANT', 'NUMBER', 'NAME', 'E-MAIL', 'EXTERNAL', 'ACTIVE', 'AD', 'ENDPOINT'],
                rows.map((e) => [e.tenantSlug, e.number, e.displayName, e.email, e.allowExternal ? 'yes' : 'no', e.active ? 'yes' : 'no', e.adSynced ? e.adUsername ?? 'yes' : '', e.endpointId]),
              )
            : 'no extensions',
        );
      }),
    );

  fieldOptions(
    extensions
      .command('add')
      .description('create an extension; its SIP secret is generated (or --secret) and shown once')
      .requiredOption('--tenant <slug>', 'the tenant')
      .requiredOption('--number <digits>', "extension number, the tenant's length")
      .requiredOption('--name <name>', 'display name (caller ID inside the company)')
      .option('--secret <secret>', 'SIP secret (default: a strong generated one)')
      .option('--inactive', 'create it deactivated'),
  ).action(
    action(
      'extensions:add',
      async (ctx: CliCtx, opts: FieldOpts & { tenant: string; number: string; secret?: string; inactive?: boolean }) => {
        const tenant = await tenantBySlug(ctx, opts.tenant);
        const input: ExtensionInput = { ...fieldsOf(opts), number: opts.number, displayName: opts.name!, secret: opts.secret, active: !opts.inactive } as ExtensionInput;
        const { extension, secret, secretGenerated } = await createExtension(ctx, tenant.id, input);
        ctx.print(extensionJson({ ...extension, tenantSlug: tenant.slug }), `created ${extension.number} (${extension.displayName}) in ${tenant.slug}: endpoint ${extension.endpointId}`);
        if (secretGenerated) await showOnce(`SIP secret of ${extension.endpointId} (shown once)`, [secret], { out: ctx.json ? process.stderr : process.stdout });
      },
      FLAGS,
    ),
  );

  fieldOptions(
    extensions
      .command('set')
      .description('change an extension: only the options given change')
      .argument('<number>', 'the extension number (or id)')
      .requiredOption('--tenant <slug>', 'the tenant')
      .option('--name <name>', 'display name')
      .option('--number <digits>', 'a new number (renames its SIP account; phones must be reconfigured)')
      .option('--active', 'activate')
      .option('--inactive', 'deactivate: its phones are logged out and cannot register'),
  ).action(
    action(
      'extensions:set',
      async (ctx: CliCtx, ref: string, opts: FieldOpts & { tenant: string; number?: string; inactive?: boolean }) => {
        if (opts.active && opts.inactive) throw usageError('give --active or --inactive, not both');
        const patch = fieldsOf({ ...opts, active: opts.active ? true : opts.inactive ? false : undefined });
        if (opts.number !== undefined) patch.number = opts.number;
        if (!Object.keys(patch).length) throw usageError('nothing to change: give at least one option (see --help)');
        const tenant = await tenantBySlug(ctx, opts.tenant);
        const id = await resolveExtensionId(ctx, tenant.id, ref);
        const { extension, secret } = await updateExtension(ctx, id, patch);
        ctx.print(extensionJson({ ...extension, tenantSlug: tenant.slug }), `changed ${extension.number} in ${tenant.slug}: ${Object.keys(patch).join(', ')}`);
        if (secret) await showOnce(`New SIP secret of ${extension.endpointId} (its number changed; shown once)`, [secret], { out: ctx.json ? process.stderr : process.stdout });
      },
      FLAGS,
    ),
  );

  extensions
    .command('rm')
    .description('remove an extension: its SIP account, mailbox and registrations go too')
    .argument('<number>', 'the extension number (or id)')
    .requiredOption('--tenant <slug>', 'the tenant')
    .action(
      action('extensions:rm', async (ctx: CliCtx, ref: string, opts: { tenant: string }) => {
        const tenant = await tenantBySlug(ctx, opts.tenant);
        const id = await resolveExtensionId(ctx, tenant.id, ref);
        await deleteExtension(ctx, id);
        ctx.print({ deleted: { id, tenant: tenant.slug, number: ref } }, `removed ${ref} from ${tenant.slug}`);
      }),
    );
}
