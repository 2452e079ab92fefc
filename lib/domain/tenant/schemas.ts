import { z } from 'zod';
import { cursorParam } from '../pagination.ts';
import { CONTROL_CHARS_MESSAGE, hasNoControlChars } from '../parse.ts';
import { isSupportedRegion } from '../phone/regions.ts';

/** Codec names Asterisk's core knows; `allow` is a comma list of these. */
export const KNOWN_CODECS = [
  'ulaw', 'alaw', 'g722', 'g729', 'gsm', 'opus', 'ilbc', 'speex', 'speex16', 'speex32', 'g726',
  'g726aal2', 'adpcm', 'g723', 'g719', 'siren7', 'siren14', 'lpc10', 'codec2', 'slin', 'slin16',
  'h264', 'h263', 'h263p', 'vp8', 'vp9', 'mpeg4', 't140', 'red',
] as const;

export const slugSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9-]{0,22}[a-z0-9]$/, '2-24 characters: lower-case letters, digits and hyphens, starting with a letter');

export const sipDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(40, 'at most 40 characters (Asterisk stores it in 40-character columns)')
  .regex(
    /^(?=.{4,40}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/,
    'must be a domain name such as acme.example.com',
  );

export const countrySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isSupportedRegion, 'must be a two-letter country code such as US, GB or DE');

const knownCodecs = new Set<string>(KNOWN_CODECS);

export const codecsSchema = z
  .string()
  .trim()
  .toLowerCase()
  .refine(hasNoControlChars, CONTROL_CHARS_MESSAGE)
  .transform((s) => [...new Set(s.split(/[\s,]+/).filter(Boolean))])
  .superRefine((list, ctx) => {
    if (!list.length) ctx.addIssue({ code: 'custom', message: 'list at least one codec' });
    for (const c of list) if (!knownCodecs.has(c)) ctx.addIssue({ code: 'custom', message: `unknown codec "${c}"` });
  })
  .transform((list) => list.join(','))
  .refine((s) => s.length <= 200, 'the codec list is too long');

const pjsipName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]*$/, 'letters, digits and . _ - @ only');

const optionalText = <T extends z.ZodType<string>>(s: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), s.nullable().optional());

/** Fields without defaults: an update must never reset what it was not given. */
const tenantFields = {
  slug: slugSchema,
  name: z.string().trim().min(1, 'is required').max(120, 'at most 120 characters').refine(hasNoControlChars, CONTROL_CHARS_MESSAGE),
  sipDomain: sipDomainSchema,
  defaultCountry: countrySchema,
  extensionLength: z.coerce.number().int().min(2, 'at least 2 digits').max(8, 'at most 8 digits'),
  // No "@": chan_pjsip would read "x@y" as endpoint y, which could be another tenant's phone.
  outboundTrunk: optionalText(z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'the name of a trunk endpoint: letters, digits and . _ - only').max(255)),
  transport: optionalText(pjsipName.max(40)),
  codecs: codecsSchema,
  secretStorage: z.enum(['md5', 'md5_sha256', 'md5_then_sha256', 'plaintext']),
  allowPremium: z.boolean(),
  status: z.enum(['active', 'suspended']),
};

export const tenantCreateInput = z.object({
  ...tenantFields,
  extensionLength: tenantFields.extensionLength.default(4),
  codecs: tenantFields.codecs.default('g722,ulaw,alaw'),
  secretStorage: tenantFields.secretStorage.default('md5'),
  allowPremium: tenantFields.allowPremium.default(false),
  status: tenantFields.status.default('active'),
  /** Optional first inbound number (any format of the tenant's country): it becomes the main number. */
  mainDid: optionalText(z.string().trim().max(32, 'is too long').refine(hasNoControlChars, CONTROL_CHARS_MESSAGE)),
});
export type TenantCreateInput = z.input<typeof tenantCreateInput>;

const { slug: _slug, ...updatable } = tenantFields;
export const tenantUpdateInput = z
  .object(updatable)
  .partial()
  .extend({
    /** Required when the change invalidates stored digests (domain or secret storage). */
    rotateSecrets: z.boolean().optional(),
  });
export type TenantUpdateInput = z.input<typeof tenantUpdateInput>;

export const tenantListQuery = z.object({
  q: z.string().trim().max(100).refine(hasNoControlChars, CONTROL_CHARS_MESSAGE).optional(),
  status: z.enum(['active', 'suspended']).optional(),
  cursor: cursorParam.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TenantListQuery = z.input<typeof tenantListQuery>;

export const contextForSlug = (slug: string) => `tenant-${slug}`;
