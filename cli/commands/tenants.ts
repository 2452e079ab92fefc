import type { Command } from 'commander';
import type { Ctx } from '../../lib/domain/context.ts';
import { createTenant } from '../../lib/domain/tenant/create-tenant.ts';
import { getTenant } from '../../lib/domain/tenant/get-tenant.ts';
import { listTenants, type TenantListItem } from '../../lib/domain/tenant/list-tenants.ts';
import type { TenantCreateInput } from '../../lib/domain/tenant/schemas.ts';
import { isAppError } from '../../lib/errors.ts';
import { action, CliError, intOption, table, type CliCtx } from '../support.ts';

/** A tenant named on the command line, or exit 1 saying none has that slug. */
export async function tenantBySlug(ctx: Ctx, slug: string) {
  try {
    return await getTenant(ctx, slug);
  } catch (err) {
    if (isAppError(err) && err.code === 'not_found') throw new CliError(`no tenant with slug "${slug}"`);
    throw err;
  }
}

/** Every page of a listing: a script wants all tenants, not the first fifty. */
export async function allTenants(ctx: CliCtx, q?: string): Promise<TenantListItem[]> {
  const out: TenantListItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await listTenants(ctx, { q, limit: 200, cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

const tenantJson = (t: TenantListItem) => ({
  id: t.id, slug: t.slug, name: t.name, sip_domain: t.sipDomain, context: t.context, default_country: t.defaultCountry,
  extension_length: t.extensionLength, outbound_trunk: t.outboundTrunk, status: t.status, secret_storage: t.secretStorage,
  extensions: t.extensionCount, created_at: t.createdAt,
});

/** The domain's field names as this command's options, so a refusal names what to change. */
const ADD_FLAGS = {
  slug: '<slug>', name: '--name', sipDomain: '--domain', defaultCountry: '--country', extensionLength: '--extension-length',
  outboundTrunk: '--trunk', secretStorage: '--secret-storage', mainDid: '--main-did', codecs: '--codecs', transport: '--transport',
};

export function registerTenants(program: Command): void {
  const tenants = program.command('tenants').description('list and add tenants (customer companies)');

  tenants
    .command('list')
    .description('every tenant, with its SIP domain and number of extensions')
    .option('--q <text>', 'only tenants whose name, slug or domain contains this')
    .action(
      action('tenants:list', async (ctx: CliCtx, opts: { q?: string }) => {
        const list = await allTenants(ctx, opts.q);
        ctx.print(list.map(tenantJson), () =>
          list.length
            ? table(['SLUG', 'NAME', 'SIP DOMAIN', 'COUNTRY', 'EXTENSIONS', 'STATUS'], list.map((t) => [t.slug, t.name, t.sipDomain, t.defaultCountry, t.extensionCount, t.status]))
            : 'no tenants',
        );
      }),
    );

  tenants
    .command('add')
    .description('create a tenant (its dialplan context is tenant-<slug>)')
    .argument('<slug>', 'short immutable name: lower-case letters, digits and -')
    .requiredOption('--name <name>', 'company name')
    .requiredOption('--domain <sip-domain>', 'SIP domain of its phones, e.g. acme.pbx.example.com')
    .requiredOption('--country <CC>', 'ISO country code used to read dialled and inbound numbers, e.g. US')
    .option('--extension-length <n>', 'digits per extension number', intOption('--extension-length'), 4)
    .option('--trunk <endpoint>', 'PJSIP endpoint outside calls leave through')
    .option('--main-did <number>', 'first inbound number, becomes the main number')
    .option('--secret-storage <kind>', 'md5 | md5_sha256 | md5_then_sha256 | plaintext', 'md5')
    .option('--codecs <list>', 'codec list for its phones, e.g. g722,ulaw,alaw')
    .action(
      action(
        'tenants:add',
        async (ctx: CliCtx, slug: string, opts: { name: string; domain: string; country: string; extensionLength: number; trunk?: string; mainDid?: string; secretStorage: string; codecs?: string }) => {
          const input: TenantCreateInput = {
            slug,
            name: opts.name,
            sipDomain: opts.domain,
            defaultCountry: opts.country,
            extensionLength: opts.extensionLength,
            outboundTrunk: opts.trunk,
            mainDid: opts.mainDid,
            secretStorage: opts.secretStorage as TenantCreateInput['secretStorage'],
            ...(opts.codecs ? { codecs: opts.codecs } : {}),
          };
          const tenant = await createTenant(ctx, input);
          ctx.print(tenantJson({ ...tenant, extensionCount: 0 }), `created tenant ${tenant.slug} (${tenant.name}): domain ${tenant.sipDomain}, context ${tenant.context}`);
        },
        ADD_FLAGS,
      ),
    );
}
