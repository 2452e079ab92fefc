import { z } from 'zod';
import { createTenant } from '../../domain/tenant/create-tenant.ts';
import { deleteTenant } from '../../domain/tenant/delete-tenant.ts';
import { getTenant } from '../../domain/tenant/get-tenant.ts';
import { listTenants } from '../../domain/tenant/list-tenants.ts';
import { tenantCreateInput, tenantUpdateInput } from '../../domain/tenant/schemas.ts';
import { updateTenant } from '../../domain/tenant/update-tenant.ts';
import { camelKeys } from '../casing.ts';
import { defineOperation, pageOf, paginationQuery, queryBool, snakeObject } from '../operation.ts';
import { tenantResource, toTenantResource } from '../resources/tenant.ts';
import { NO_CONTENT, secretsList, tenantParam } from './shared.ts';

const tag = 'Tenants';
const one = z.object({ data: tenantResource });

export const listTenantsOp = defineOperation({
  id: 'listTenants', method: 'GET', path: '/api/v1/tenants', tag, access: 'read',
  summary: 'List tenants',
  description: 'Tenants by name. A tenant token sees its own tenant only.',
  query: z.strictObject({
    q: z.string().max(100).optional().describe('Part of the name, slug or SIP domain.'),
    status: z.enum(['active', 'suspended']).optional(),
    ...paginationQuery,
  }),
  responses: { 200: { description: 'A page of tenants.', schema: pageOf(tenantResource) } },
  handle: async ({ ctx, query }) => {
    const page = await listTenants(ctx, query);
    return { status: 200, body: { data: page.items.map(toTenantResource), next_cursor: page.nextCursor } };
  },
});

export const createTenantOp = defineOperation({
  id: 'createTenant', method: 'POST', path: '/api/v1/tenants', tag, access: 'write',
  summary: 'Create a tenant',
  description: 'Platform tokens only. The slug is permanent: it names the dialplan context and every URL.',
  body: snakeObject(tenantCreateInput),
  responses: { 201: { description: 'Created.', schema: one } },
  handle: async ({ ctx, body, origin }) => {
    const tenant = await createTenant(ctx, camelKeys(body) as never);
    return { status: 201, body: { data: toTenantResource(tenant) }, headers: { Location: `${origin}/api/v1/tenants/${tenant.slug}` } };
  },
});

export const getTenantOp = defineOperation({
  id: 'getTenant', method: 'GET', path: '/api/v1/tenants/{tenant}', tag, access: 'read',
  summary: 'Get a tenant',
  params: tenantParam,
  responses: { 200: { description: 'The tenant.', schema: one } },
  handle: async ({ ctx, params }) => ({ status: 200, body: { data: toTenantResource(await getTenant(ctx, params.tenant)) } }),
});

export const updateTenantOp = defineOperation({
  id: 'updateTenant', method: 'PATCH', path: '/api/v1/tenants/{tenant}', tag, access: 'write',
  summary: 'Change a tenant',
  description:
    'Only the fields sent change. A new SIP domain (or secret storage) invalidates stored digests: send rotate_secrets: true, and the answer lists every extension\'s new SIP secret, once. Tenant tokens cannot change status, trunk, premium calls, transport or secret storage.',
  params: tenantParam,
  body: snakeObject(tenantUpdateInput),
  responses: { 200: { description: 'The changed tenant.', schema: one.extend({ sip_secrets: secretsList.nullable() }) } },
  handle: async ({ ctx, params, body }) => {
    const { tenant, secrets } = await updateTenant(ctx, params.tenant, camelKeys(body) as never);
    return {
      status: 200,
      body: { data: toTenantResource(tenant), sip_secrets: secrets ? secrets.map((s) => ({ number: s.number, sip_secret: s.secret })) : null },
    };
  },
});

export const deleteTenantOp = defineOperation({
  id: 'deleteTenant', method: 'DELETE', path: '/api/v1/tenants/{tenant}', tag, access: 'write',
  summary: 'Delete a tenant',
  description: 'Platform tokens only. Refused (409) while the tenant has extensions, unless with_extensions=true deletes them and their phone accounts too.',
  params: tenantParam,
  query: z.strictObject({ with_extensions: queryBool.optional().describe('Confirms deleting the tenant\'s extensions too.') }),
  responses: NO_CONTENT,
  handle: async ({ ctx, params, query }) => {
    await deleteTenant(ctx, params.tenant, { withExtensions: query.with_extensions });
    return { status: 204 };
  },
});
