/**
 * The routes of the PBX managers Switchboard replaces, so their scripts keep working with a token
 * header added. Thin translations onto the same use cases; their field names are theirs, and
 * errors name those fields.
 */
import { z } from 'zod';
import { tenantDomainSuffix, defaultCountry } from '../../config/platform.ts';
import type { Ctx } from '../../domain/context.ts';
import { createExtension } from '../../domain/extension/create-extension.ts';
import { deleteExtension } from '../../domain/extension/delete-extension.ts';
import { listExtensions } from '../../domain/extension/list-extensions.ts';
import { resolveExtensionId } from '../../domain/extension/resolve.ts';
import { updateExtension } from '../../domain/extension/update-extension.ts';
import type { ExtensionView } from '../../domain/extension/view.ts';
import { createTenant } from '../../domain/tenant/create-tenant.ts';
import { listTenants } from '../../domain/tenant/list-tenants.ts';
import { defineOperation } from '../operation.ts';
import { ApiProblem } from '../problem.ts';

const tag = 'Compatibility';
const note = 'Deprecated: kept for scripts written for earlier PBX managers; use the /api/v1 routes.';
const text = z.string().max(1000);

async function allExtensions(ctx: Ctx, tenant: string): Promise<ExtensionView[]> {
  const out: ExtensionView[] = [];
  let cursor: string | undefined;
  do {
    const page = await listExtensions(ctx, tenant, { limit: 200, cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

// ---- /tenant, /tenants -----------------------------------------------------------------------

const legacyTenant = z.object({ name: z.string(), sip_domain: z.string(), context: z.string(), outbound_trunk: z.string().nullable(), status: z.string(), extension_count: z.int().nullable() });

export const legacyCreateTenantOp = defineOperation({
  id: 'legacyCreateTenant', method: 'POST', path: '/tenant', tag, access: 'write', deprecated: true,
  summary: 'Create a tenant (old systems)',
  description: `${note} The name becomes the slug; the SIP domain is <name>.<TENANT_DOMAIN_SUFFIX>; inbound_did is read as a number of the platform's DEFAULT_COUNTRY and becomes the main number. Platform tokens only.`,
  fieldNames: { slug: 'name', sipDomain: 'name', mainDid: 'inbound_did', outboundTrunk: 'outbound_trunk' },
  body: z.object({ name: text, inbound_did: text.optional(), outbound_trunk: text.optional() }),
  responses: { 201: { description: 'Created.', schema: legacyTenant.extend({ inbound_did: z.string().nullable() }) } },
  handle: async ({ ctx, body }) => {
    const suffix = tenantDomainSuffix();
    if (!suffix) throw new ApiProblem('unavailable', 'This server has no TENANT_DOMAIN_SUFFIX, so it cannot name the new tenant\'s SIP domain; ask its operator');
    const tenant = await createTenant(ctx, {
      slug: body.name,
      name: body.name,
      sipDomain: `${body.name}.${suffix}`,
      defaultCountry: defaultCountry(),
      outboundTrunk: body.outbound_trunk,
      mainDid: body.inbound_did,
    });
    return {
      status: 201,
      body: { name: tenant.slug, sip_domain: tenant.sipDomain, context: tenant.context, outbound_trunk: tenant.outboundTrunk, status: tenant.status, extension_count: 0, inbound_did: tenant.mainDidE164 },
    };
  },
});

export const legacyListTenantsOp = defineOperation({
  id: 'legacyListTenants', method: 'GET', path: '/tenants', tag, access: 'read', deprecated: true,
  summary: 'List tenants (old systems)',
  description: `${note} Every tenant in reach, in one array. Browsers asking for /tenants get the portal's page; this answers requests that carry a token or do not ask for HTML.`,
  responses: { 200: { description: 'All tenants.', schema: z.array(legacyTenant) } },
  handle: async ({ ctx }) => {
    const out: z.output<typeof legacyTenant>[] = [];
    let cursor: string | undefined;
    do {
      const page = await listTenants(ctx, { limit: 200, cursor });
      for (const t of page.items)
        out.push({ name: t.slug, sip_domain: t.sipDomain, context: t.context, outbound_trunk: t.outboundTrunk, status: t.status, extension_count: t.extensionCount });
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { status: 200, body: out };
  },
});

const tenantName = z.object({ name: z.string().max(64).describe('The tenant\'s name (slug).') });
const userItem = z.object({ username: z.string(), name: z.string(), email: z.string().nullable(), endpoint_id: z.string(), allow_external: z.boolean(), active: z.boolean() });
const toUser = (e: ExtensionView) => ({ username: e.number, name: e.displayName, email: e.email, endpoint_id: e.endpointId, allow_external: e.allowExternal, active: e.active });

export const legacyCreateUserOp = defineOperation({
  id: 'legacyCreateTenantExtension', method: 'POST', path: '/tenant/{name}/extension', tag, access: 'write', deprecated: true,
  summary: 'Create an extension in a named tenant (old systems)',
  description: `${note} username is the extension number and also its display name; password is the SIP secret and must meet Switchboard's secret policy.`,
  params: tenantName,
  fieldNames: { number: 'username', secret: 'password', displayName: 'username' },
  body: z.object({ username: text, password: text }),
  responses: { 201: { description: 'Created.', schema: userItem } },
  handle: async ({ ctx, params, body }) => {
    const { extension } = await createExtension(ctx, params.name, { number: body.username, displayName: body.username, secret: body.password });
    return { status: 201, body: toUser(extension) };
  },
});

export const legacyListUsersOp = defineOperation({
  id: 'legacyListTenantExtensions', method: 'GET', path: '/tenant/{name}/extensions', tag, access: 'read', deprecated: true,
  summary: 'List a named tenant\'s extensions (old systems)',
  description: `${note} Every extension, in one array.`,
  params: tenantName,
  responses: { 200: { description: 'All extensions.', schema: z.array(userItem) } },
  handle: async ({ ctx, params }) => ({ status: 200, body: (await allExtensions(ctx, params.name)).map(toUser) }),
});

// ---- /api/extensions -------------------------------------------------------------------------

const tenantQuery = z.strictObject({ tenant: z.string().max(64).optional().describe('Platform tokens: the tenant (slug or id). Tenant tokens act on their own tenant.') });
const extensionItem = z.object({
  number: z.string(), name: z.string(), email: z.string().nullable(), allow_external: z.boolean(), active: z.boolean(),
  has_voicemail: z.boolean(), endpoint_id: z.string(),
});
const toItem = (e: ExtensionView) => ({ number: e.number, name: e.displayName, email: e.email, allow_external: e.allowExternal, active: e.active, has_voicemail: e.hasVoicemail, endpoint_id: e.endpointId });
const renames = { displayName: 'name', secret: 'password' };

/** The token's own tenant, or the one a platform token names. */
function tenantOf(ctx: Ctx, tenant: string | undefined): string {
  const own = ctx.actor.tenantId;
  if (tenant) return tenant;
  if (own) return own;
  throw new ApiProblem('invalid-request', 'A platform token must name the tenant: add ?tenant=<slug>', { tenant: ['is required with a platform token'] });
}

export const legacyListExtensionsOp = defineOperation({
  id: 'legacyListExtensions', method: 'GET', path: '/api/extensions', tag, access: 'read', deprecated: true,
  summary: 'List extensions (old systems)',
  description: `${note} Every extension of the token's tenant, in one array.`,
  query: tenantQuery,
  responses: { 200: { description: 'All extensions.', schema: z.array(extensionItem) } },
  handle: async ({ ctx, query }) => ({ status: 200, body: (await allExtensions(ctx, tenantOf(ctx, query.tenant))).map(toItem) }),
});

export const legacyCreateExtensionOp = defineOperation({
  id: 'legacyCreateExtension', method: 'POST', path: '/api/extensions', tag, access: 'write', deprecated: true,
  summary: 'Create an extension (old systems)',
  description: `${note} password is the SIP secret (Switchboard's secret policy applies: 12 or more characters, not guessable).`,
  query: tenantQuery,
  fieldNames: renames,
  body: z.object({ number: text, name: text, email: text.nullable().optional(), password: text.optional(), allow_external: z.boolean().optional() }),
  responses: { 201: { description: 'Created.', schema: extensionItem } },
  handle: async ({ ctx, query, body }) => {
    const { extension } = await createExtension(ctx, tenantOf(ctx, query.tenant), {
      number: body.number, displayName: body.name, email: body.email, secret: body.password, allowExternal: body.allow_external,
    });
    return { status: 201, body: toItem(extension) };
  },
});

const numberParam = z.object({ number: z.string().max(64).describe('The extension number.') });

export const legacyUpdateExtensionOp = defineOperation({
  id: 'legacyUpdateExtension', method: 'PUT', path: '/api/extensions/{number}', tag, access: 'write', deprecated: true,
  summary: 'Change an extension (old systems)',
  description: `${note} Only the fields sent change, as with the old systems.`,
  params: numberParam,
  query: tenantQuery,
  fieldNames: renames,
  body: z.object({ name: text.optional(), email: text.nullable().optional(), allow_external: z.boolean().optional(), active: z.boolean().optional() }),
  responses: { 200: { description: 'The changed extension.', schema: extensionItem } },
  handle: async ({ ctx, params, query, body }) => {
    const id = await resolveExtensionId(ctx, tenantOf(ctx, query.tenant), params.number);
    const { extension } = await updateExtension(ctx, id, { displayName: body.name, email: body.email, allowExternal: body.allow_external, active: body.active });
    return { status: 200, body: toItem(extension) };
  },
});

export const legacyDeleteExtensionOp = defineOperation({
  id: 'legacyDeleteExtension', method: 'DELETE', path: '/api/extensions/{number}', tag, access: 'write', deprecated: true,
  summary: 'Delete an extension (old systems)',
  description: note,
  params: numberParam,
  query: tenantQuery,
  responses: { 204: { description: 'Deleted.' } },
  handle: async ({ ctx, params, query }) => {
    await deleteExtension(ctx, await resolveExtensionId(ctx, tenantOf(ctx, query.tenant), params.number));
    return { status: 204 };
  },
});
