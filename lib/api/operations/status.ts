import { z } from 'zod';
import { listAudit } from '../../domain/audit/list-audit.ts';
import { tenantRegistrations } from '../../domain/extension/tenant-registrations.ts';
import { callTestInput, explainCall } from '../../domain/routing/explain-call.ts';
import { getTenant } from '../../domain/tenant/get-tenant.ts';
import { ApiProblem } from '../problem.ts';
import { defineOperation, pageOf, paginationQuery } from '../operation.ts';
import { auditResource, toAuditResource } from '../resources/audit.ts';
import { decisionResource, toDecisionResource } from '../resources/decision.ts';
import { registrationResource } from '../resources/registration.ts';
import { tenantParam } from './shared.ts';

export const listRegistrationsOp = defineOperation({
  id: 'listRegistrations', method: 'GET', path: '/api/v1/tenants/{tenant}/registrations', tag: 'Status', access: 'read',
  summary: 'Who is registered now',
  description: 'The tenant\'s registered extensions and their contacts, from the same source as the portal (ps_contacts, or AMI events with REGISTRATION_SOURCE=ami).',
  params: tenantParam,
  responses: { 200: { description: 'Registered extensions.', schema: z.object({ data: z.array(registrationResource) }) } },
  handle: async ({ ctx, params }) => {
    // Loaded on use: the status source lives with the portal's process (an AMI session, maybe).
    const { getRegistrations } = await import('../../next/registrations.ts');
    const rows = await tenantRegistrations(ctx, params.tenant, getRegistrations);
    return {
      status: 200,
      body: {
        data: rows.map((r) => ({
          extension_id: r.id,
          number: r.number,
          endpoint_id: r.endpointId,
          contacts: r.contacts.map((c) => ({ uri: c.uri, user_agent: c.userAgent, via_addr: c.viaAddr, via_port: c.viaPort, expires_at: c.expiresAt?.toISOString() ?? null })),
        })),
      },
    };
  },
});

export const callTestOp = defineOperation({
  id: 'testCall', method: 'POST', path: '/api/v1/tenants/{tenant}/call-test', tag: 'Status', access: 'read',
  summary: 'What would happen to a call',
  description:
    'The AGI server\'s own decision for "extension from dials dial" (direction outbound) or for a call to one of the tenant\'s DIDs (direction inbound), with its reasons. Changes nothing, so read-only tokens may ask.',
  params: tenantParam,
  body: callTestInput,
  responses: { 200: { description: 'The decision and why.', schema: z.object({ data: decisionResource }) } },
  handle: async ({ ctx, params, body }) => ({ status: 200, body: { data: toDecisionResource(await explainCall(ctx, params.tenant, body)) } }),
});

export const listAuditOp = defineOperation({
  id: 'listAudit', method: 'GET', path: '/api/v1/audit', tag: 'Audit', access: 'read',
  summary: 'The audit log',
  description: 'Every change, newest first. A tenant token sees its tenant\'s entries only.',
  query: z.strictObject({
    tenant: z.string().max(64).optional().describe('Only this tenant\'s entries (slug or id).'),
    actor: z.string().max(254).optional().describe('Part of the actor\'s label: an e-mail, a token name.'),
    object: z.string().max(255).optional().describe('An object type (extension), part of a label (1001@acme), or an id.'),
    ...paginationQuery,
  }),
  responses: { 200: { description: 'A page of entries.', schema: pageOf(auditResource) } },
  handle: async ({ ctx, query }) => {
    const tenantId = query.tenant ? (await getTenant(ctx, query.tenant)).id : undefined;
    const before = query.cursor ? cursorToId(query.cursor) : undefined;
    const page = await listAudit(ctx, { tenantId, actor: query.actor, object: query.object, before, limit: query.limit });
    return { status: 200, body: { data: page.items.map(toAuditResource), next_cursor: page.nextBefore ? Buffer.from(page.nextBefore).toString('base64url') : null } };
  },
});

function cursorToId(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[1-9][0-9]{0,18}$/.test(id)) throw new ApiProblem('validation', 'The page cursor is invalid', { cursor: ['is invalid'] });
  return id;
}
