import { z } from 'zod';
import { KNOWN_CODECS } from '../../domain/tenant/schemas.ts';
import { pickSnake } from './pick.ts';

export const tenantResource = z
  .object({
    id: z.guid(),
    slug: z.string(),
    name: z.string(),
    sip_domain: z.string(),
    context: z.string().describe('Dialplan context of the tenant\'s phones.'),
    default_country: z.string().length(2),
    outbound_trunk: z.string().nullable(),
    extension_length: z.int(),
    status: z.enum(['active', 'suspended']),
    secret_storage: z.enum(['md5', 'md5_sha256', 'md5_then_sha256', 'plaintext']),
    transport: z.string().nullable(),
    codecs: z.string().describe(`Comma-separated, from: ${KNOWN_CODECS.join(', ')}.`),
    allow_premium: z.boolean(),
    main_did_id: z.guid().nullable().describe('The DID outside calls present by default.'),
    extension_count: z.int().nullable().describe('In lists; null elsewhere.'),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'Tenant' });

export const toTenantResource = (t: object & { extensionCount?: number }) =>
  pickSnake(tenantResource, t, { extension_count: t.extensionCount ?? null });
