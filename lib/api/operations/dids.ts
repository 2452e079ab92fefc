import { z } from 'zod';
import { addDid } from '../../domain/did/add-did.ts';
import { listDids } from '../../domain/did/list-dids.ts';
import { removeDid } from '../../domain/did/remove-did.ts';
import { resolveDidId } from '../../domain/did/resolve.ts';
import { didInput } from '../../domain/did/schemas.ts';
import { setMainDid } from '../../domain/did/set-main-did.ts';
import { camelKeys } from '../casing.ts';
import { defineOperation, snakeObject } from '../operation.ts';
import { didResource, toDidResource } from '../resources/did.ts';
import { didParams, NO_CONTENT, tenantParam } from './shared.ts';

const tag = 'DIDs';
const base = '/api/v1/tenants/{tenant}/dids';

export const listDidsOp = defineOperation({
  id: 'listDids', method: 'GET', path: base, tag, access: 'read',
  summary: 'List a tenant\'s inbound numbers',
  params: tenantParam,
  responses: { 200: { description: 'The DIDs, by number.', schema: z.object({ data: z.array(didResource) }) } },
  handle: async ({ ctx, params }) => ({ status: 200, body: { data: (await listDids(ctx, params.tenant)).map(toDidResource) } }),
});

export const addDidOp = defineOperation({
  id: 'addDid', method: 'POST', path: base, tag, access: 'write',
  summary: 'Add an inbound number',
  description: 'number in any format of the tenant\'s country (or E.164); extension_number is the extension its calls ring. The tenant\'s first DID becomes its main number.',
  params: tenantParam,
  body: snakeObject(didInput),
  responses: { 201: { description: 'Added.', schema: z.object({ data: didResource }) } },
  handle: async ({ ctx, params, body }) => {
    const did = await addDid(ctx, params.tenant, camelKeys(body) as never);
    const listed = (await listDids(ctx, params.tenant)).find((d) => d.id === did.id)!;
    return { status: 201, body: { data: toDidResource(listed) } };
  },
});

export const removeDidOp = defineOperation({
  id: 'removeDid', method: 'DELETE', path: `${base}/{did}`, tag, access: 'write',
  summary: 'Remove an inbound number',
  description: 'Refused (409) while extensions present it as their caller ID, or while it is the main number and other DIDs remain.',
  params: didParams,
  responses: NO_CONTENT,
  handle: async ({ ctx, params }) => {
    await removeDid(ctx, await resolveDidId(ctx, params.tenant, params.did));
    return { status: 204 };
  },
});

export const setMainDidOp = defineOperation({
  id: 'setMainDid', method: 'POST', path: `${base}/{did}/main`, tag, access: 'write',
  summary: 'Make a DID the tenant\'s main number',
  description: 'The caller ID of every extension without a pick of its own, from the next call.',
  params: didParams,
  responses: { 200: { description: 'The DID, now the main number.', schema: z.object({ data: didResource }) } },
  handle: async ({ ctx, params }) => {
    const id = await resolveDidId(ctx, params.tenant, params.did);
    await setMainDid(ctx, id);
    const listed = (await listDids(ctx, params.tenant)).find((d) => d.id === id)!;
    return { status: 200, body: { data: toDidResource(listed) } };
  },
});
