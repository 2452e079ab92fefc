import { z } from 'zod';
import { listCalls } from '../../domain/calls/list-calls.ts';
import { CALL_DIRECTIONS, CALL_OUTCOMES } from '../../domain/calls/schemas.ts';
import { defineOperation, pageOf, paginationQuery } from '../operation.ts';
import { callResource, toCallResource } from '../resources/call.ts';
import { tenantParam } from './shared.ts';

export const listCallsOp = defineOperation({
  id: 'listCalls', method: 'GET', path: '/api/v1/tenants/{tenant}/calls', tag: 'Calls', access: 'read',
  summary: 'List a tenant\'s calls',
  description:
    'Call history from Asterisk\'s call records, newest first: calls the tenant\'s phones made or received, and calls to its numbers. ' +
    'Direction and outcome are decided once by Switchboard (a call the AGI server refused is `refused`, with its `reason`).',
  params: tenantParam,
  query: z.strictObject({
    from: z.iso.datetime({ offset: true }).optional().describe('Calls that started at or after this instant.'),
    to: z.iso.datetime({ offset: true }).optional().describe('Calls that started before this instant.'),
    extension: z.string().max(10).optional().describe('An extension number: its calls made and received.'),
    direction: z.enum(CALL_DIRECTIONS).optional(),
    outcome: z.enum(CALL_OUTCOMES).optional(),
    q: z.string().max(40).optional().describe('Part of the calling or called number, or of the caller\'s name.'),
    ...paginationQuery,
  }),
  responses: { 200: { description: 'A page of calls.', schema: pageOf(callResource) } },
  handle: async ({ ctx, params, query }) => {
    const page = await listCalls(ctx, params.tenant, query);
    return { status: 200, body: { data: page.items.map(toCallResource), next_cursor: page.nextCursor } };
  },
});
