import { z } from 'zod';
import { bulkCreateExtensions } from '../../domain/extension/bulk-create-extensions.ts';
import { changeSipSecret } from '../../domain/extension/change-secret.ts';
import { createExtension } from '../../domain/extension/create-extension.ts';
import { deleteExtension } from '../../domain/extension/delete-extension.ts';
import { listExtensionsAs } from '../../domain/extension/list-extensions.ts';
import { resetVoicemailPin } from '../../domain/extension/reset-voicemail-pin.ts';
import { getTenantExtension, resolveExtensionId } from '../../domain/extension/resolve.ts';
import { extensionInput, extensionUpdateInput, secretChangeInput } from '../../domain/extension/schemas.ts';
import { updateExtension } from '../../domain/extension/update-extension.ts';
import { camelKeys } from '../casing.ts';
import { defineOperation, pageOf, paginationQuery, queryBool, snakeObject } from '../operation.ts';
import { extensionJsonRows, extensionResource, toExtensionResource, withSecret } from '../resources/extension.ts';
import { extensionParams, NO_CONTENT, secretsList, tenantParam } from './shared.ts';

const tag = 'Extensions';
const base = '/api/v1/tenants/{tenant}/extensions';
export const BULK_API_MAX = 1_000;

const createBody = snakeObject(extensionInput).meta({ id: 'ExtensionCreate' });

export const listExtensionsOp = defineOperation({
  id: 'listExtensions', method: 'GET', path: base, tag, access: 'read',
  summary: 'List a tenant\'s extensions',
  description: 'Search, filters and a stable sort, paged by cursor: page 2,000 costs what page 1 does.',
  params: tenantParam,
  query: z.strictObject({
    q: z.string().max(100).optional().describe('Part of the number, name or e-mail.'),
    active: queryBool.optional(),
    allow_external: queryBool.optional(),
    ad_synced: queryBool.optional(),
    sort: z.enum(['number', 'display_name', 'created_at']).default('number'),
    order: z.enum(['asc', 'desc']).default('asc'),
    ...paginationQuery,
  }),
  responses: { 200: { description: 'A page of extensions.', schema: pageOf(extensionResource) } },
  handle: async ({ ctx, params, query }) => {
    const { allow_external, ad_synced, sort, order, ...rest } = query;
    const page = await listExtensionsAs(
      ctx,
      params.tenant,
      { ...rest, allowExternal: allow_external, adSynced: ad_synced, sort: sort === 'display_name' ? 'displayName' : sort === 'created_at' ? 'createdAt' : 'number', dir: order },
      extensionJsonRows,
    );
    return { status: 200, json: `{"data":[${page.items.join(',')}],"next_cursor":${JSON.stringify(page.nextCursor)}}` };
  },
});

export const createExtensionOp = defineOperation({
  id: 'createExtension', method: 'POST', path: base, tag, access: 'write',
  summary: 'Create an extension',
  description:
    'Writes the phone account (ps_endpoints, ps_auths, ps_aors, and a voicemail box when voicemail_pin is given) in one transaction: the phone can register at once. Without a secret a strong one is generated; either way it is in this answer only.',
  params: tenantParam,
  body: createBody,
  responses: { 201: { description: 'Created; sip_secret is shown this once.', schema: withSecret(extensionResource) } },
  handle: async ({ ctx, params, body, origin }) => {
    const { extension, secret } = await createExtension(ctx, params.tenant, camelKeys(body) as never);
    return {
      status: 201,
      body: { data: toExtensionResource(extension), sip_secret: secret },
      headers: { Location: `${origin}/api/v1/tenants/${params.tenant}/extensions/${extension.number}` },
    };
  },
});

export const bulkCreateExtensionsOp = defineOperation({
  id: 'bulkCreateExtensions', method: 'POST', path: `${base}/bulk`, tag, access: 'write',
  summary: 'Create up to 1,000 extensions at once',
  description: 'All or nothing: every row is checked first, and one bad row writes none. Errors name each row, as extensions.<index>.<field>.',
  params: tenantParam,
  fieldNames: { rows: 'extensions' },
  body: z.strictObject({ extensions: z.array(createBody).min(1, 'list at least one extension').max(BULK_API_MAX, `at most ${BULK_API_MAX} per request`) }),
  responses: { 201: { description: 'All created; each SIP secret is shown this once.', schema: z.object({ created: z.int(), sip_secrets: secretsList }) } },
  handle: async ({ ctx, params, body }) => {
    const { created, secrets } = await bulkCreateExtensions(ctx, params.tenant, body.extensions.map(camelKeys));
    return { status: 201, body: { created, sip_secrets: secrets.map((s) => ({ number: s.number, sip_secret: s.secret })) } };
  },
});

export const getExtensionOp = defineOperation({
  id: 'getExtension', method: 'GET', path: `${base}/{extension}`, tag, access: 'read',
  summary: 'Get an extension',
  params: extensionParams,
  responses: { 200: { description: 'The extension.', schema: z.object({ data: extensionResource }) } },
  handle: async ({ ctx, params }) => {
    return { status: 200, body: { data: toExtensionResource(await getTenantExtension(ctx, params.tenant, params.extension)) } };
  },
});

export const updateExtensionOp = defineOperation({
  id: 'updateExtension', method: 'PATCH', path: `${base}/{extension}`, tag, access: 'write',
  summary: 'Change an extension',
  description:
    'Only the fields sent change. A new number renames the phone account; with digest storage that needs a new SIP secret, returned once in sip_secret. voicemail_pin: null removes the mailbox.',
  params: extensionParams,
  body: snakeObject(extensionUpdateInput).meta({ id: 'ExtensionUpdate' }),
  responses: { 200: { description: 'The changed extension.', schema: withSecret(extensionResource) } },
  handle: async ({ ctx, params, body }) => {
    const id = await resolveExtensionId(ctx, params.tenant, params.extension);
    const { extension, secret } = await updateExtension(ctx, id, camelKeys(body) as never);
    return { status: 200, body: { data: toExtensionResource(extension), sip_secret: secret ?? null } };
  },
});

export const deleteExtensionOp = defineOperation({
  id: 'deleteExtension', method: 'DELETE', path: `${base}/{extension}`, tag, access: 'write',
  summary: 'Delete an extension',
  description: 'Removes the phone account, its registrations and its mailbox, in one transaction.',
  params: extensionParams,
  responses: NO_CONTENT,
  handle: async ({ ctx, params }) => {
    await deleteExtension(ctx, await resolveExtensionId(ctx, params.tenant, params.extension));
    return { status: 204 };
  },
});

export const rotateSecretOp = defineOperation({
  id: 'rotateExtensionSecret', method: 'POST', path: `${base}/{extension}/secret`, tag, access: 'write',
  summary: 'Rotate an extension\'s SIP secret',
  description: 'Sets the given secret, or a generated one when the body is empty. The phone needs it for its next registration; it is in this answer only.',
  params: extensionParams,
  body: snakeObject(secretChangeInput),
  bodyOptional: true,
  responses: { 200: { description: 'The new secret, shown this once.', schema: z.object({ sip_secret: z.string(), generated: z.boolean() }) } },
  handle: async ({ ctx, params, body }) => {
    const id = await resolveExtensionId(ctx, params.tenant, params.extension);
    const { secret, secretGenerated } = await changeSipSecret(ctx, id, (body ?? {}) as { secret?: string | null });
    return { status: 200, body: { sip_secret: secret, generated: secretGenerated } };
  },
});

export const resetPinOp = defineOperation({
  id: 'resetVoicemailPin', method: 'POST', path: `${base}/{extension}/voicemail-pin`, tag, access: 'write',
  summary: 'Give an extension\'s mailbox a new PIN',
  params: extensionParams,
  responses: { 200: { description: 'The new PIN, shown this once.', schema: z.object({ voicemail_pin: z.string(), mailbox: z.string() }) } },
  handle: async ({ ctx, params }) => {
    const { pin, mailbox } = await resetVoicemailPin(ctx, await resolveExtensionId(ctx, params.tenant, params.extension));
    return { status: 200, body: { voicemail_pin: pin, mailbox } };
  },
});
