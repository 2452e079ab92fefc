import { z } from 'zod';
import type { ExtensionView } from '../../domain/extension/view.ts';
import type { Projection } from '../../domain/extension/list-extensions.ts';
import { jsonColumns } from './json-sql.ts';
import { pickSnake } from './pick.ts';

export const extensionResource = z
  .object({
    id: z.guid(),
    tenant_id: z.guid(),
    number: z.string(),
    display_name: z.string(),
    email: z.string().nullable(),
    allow_external: z.boolean(),
    active: z.boolean(),
    max_contacts: z.int(),
    has_voicemail: z.boolean(),
    ad_synced: z.boolean(),
    ad_username: z.string().nullable(),
    directory_id: z.string().nullable().describe('Stable id of the directory user (objectGUID or entryUUID) a synced extension follows.'),
    directory_state: z.enum(['active', 'disabled', 'missing']).nullable().describe('Where a synced extension\'s user stands in the directory; null for extensions made by hand.'),
    directory_synced_at: z.iso.datetime().nullable(),
    directory_removal_due_at: z.iso.datetime().nullable().describe('A deactivated synced extension is removed by the sync after this.'),
    endpoint_id: z.string().describe('ps_endpoints.id: what the phone registers as.'),
    auth_id: z.string(),
    aor_id: z.string(),
    caller_id_did_id: z.guid().nullable().describe('The DID presented on outside calls; null follows the tenant\'s main number.'),
    secret_changed_at: z.iso.datetime(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'Extension' });

export const toExtensionResource = (e: ExtensionView) => pickSnake(extensionResource, e);

/** An answer that carries a SIP secret: the only time it is ever shown. */
export const withSecret = <S extends z.ZodObject>(resource: S) =>
  z.object({
    data: resource,
    sip_secret: z.string().nullable().describe('The SIP secret, in this answer only; null when it did not change.'),
  });

/** List pages as the database writes them: one JSON text per extension, the resource exactly. */
export const extensionJsonRows: Projection<string> = {
  columns: jsonColumns(extensionResource, { has_voicemail: 'e.voicemail_id IS NOT NULL' }),
  decode: (row) => row.json as string,
};
