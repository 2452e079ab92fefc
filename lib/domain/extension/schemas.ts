import { z } from 'zod';
import { cursorParam } from '../pagination.ts';
import { CONTROL_CHARS_MESSAGE, hasNoControlChars } from '../parse.ts';
import { secretPolicyProblems } from '../sip/secret-policy.ts';

/** What an extension's rules need to know of its tenant. */
export type TenantNumbering = { extensionLength: number; defaultCountry: string; sipDomain: string };

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

export const pinSchema = z
  .string()
  .trim()
  .regex(/^[0-9]{4,10}$/, '4 to 10 digits')
  .refine((p) => !/^(\d)\1+$/.test(p), 'may not repeat one digit');

const fields = {
  number: z.string().trim().regex(/^[0-9]+$/, 'digits only'),
  displayName: z.string().trim().min(1, 'is required').max(80, 'at most 80 characters').refine(hasNoControlChars, CONTROL_CHARS_MESSAGE),
  email: z.preprocess(blankToNull, z.email('must be an e-mail address').max(254).toLowerCase().nullable().optional()),
  allowExternal: z.boolean(),
  active: z.boolean(),
  maxContacts: z.coerce.number().int().min(1, 'at least 1').max(10, 'at most 10'),
  /** null or absent: no voicemail box. */
  voicemailPin: z.preprocess(blankToNull, pinSchema.nullable().optional()),
  /** absent: a strong secret is generated and shown once. */
  secret: z.preprocess(blankToNull, z.string().nullable().optional()),
  adSynced: z.boolean().optional(),
  adUsername: z.preprocess(blankToNull, z.string().trim().max(256).refine(hasNoControlChars, CONTROL_CHARS_MESSAGE).nullable().optional()),
  directoryId: z.preprocess(blankToNull, z.string().trim().max(255).refine(hasNoControlChars, CONTROL_CHARS_MESSAGE).nullable().optional()),
  /** One of the tenant's DIDs, presented on outside and emergency calls; null or absent: the tenant's main number. */
  callerId: z.preprocess(blankToNull, z.string().trim().max(32, 'is too long').refine(hasNoControlChars, CONTROL_CHARS_MESSAGE).nullable().optional()),
};

export const extensionInput = z.object({
  ...fields,
  allowExternal: fields.allowExternal.default(true),
  active: fields.active.default(true),
  maxContacts: fields.maxContacts.default(1),
});
export type ExtensionInput = z.input<typeof extensionInput>;
export type ExtensionValues = z.output<typeof extensionInput>;

/** No defaults here: an update must never reset what it was not given. */
export const extensionUpdateInput = z.object(fields).partial().omit({ secret: true });
export type ExtensionUpdateInput = z.input<typeof extensionUpdateInput>;

export const secretChangeInput = z.object({ secret: fields.secret });

/** Extra number checks that need server-only data (emergency numbers come from libphonenumber). */
export type NumberCheck = (number: string, tenant: TenantNumbering) => string[];

/** Problems of a number in a tenant's numbering plan that a form can check by itself. */
export function numberShapeProblems(number: string, tenant: TenantNumbering): string[] {
  const problems: string[] = [];
  if (!/^[0-9]+$/.test(number)) return ['digits only'];
  if (number.length !== tenant.extensionLength) problems.push(`must be ${tenant.extensionLength} digits in this tenant`);
  if (number.startsWith('0')) problems.push('may not start with 0, which starts external dialling');
  return problems;
}

type Refinable = { number?: string; secret?: string | null; voicemailPin?: string | null };

function refineForTenant(tenant: TenantNumbering, extra?: NumberCheck) {
  return (v: Refinable, ctx: z.RefinementCtx) => {
    if (v.number !== undefined && /^[0-9]+$/.test(v.number))
      for (const message of [...numberShapeProblems(v.number, tenant), ...(extra?.(v.number, tenant) ?? [])])
        ctx.addIssue({ code: 'custom', path: ['number'], message });
    if (v.secret)
      for (const message of secretPolicyProblems(v.secret, { number: v.number, domain: tenant.sipDomain }))
        ctx.addIssue({ code: 'custom', path: ['secret'], message });
    if (v.voicemailPin && v.number && v.voicemailPin === v.number)
      ctx.addIssue({ code: 'custom', path: ['voicemailPin'], message: 'may not be the extension number' });
  };
}

/**
 * The create schema of one tenant: the form uses it as it is (zodResolver); actions, the API and
 * imports go through rules.ts, which adds the checks that need server-side data.
 */
export const extensionInputFor = (tenant: TenantNumbering, extra?: NumberCheck) =>
  extensionInput.superRefine(refineForTenant(tenant, extra));
export const extensionUpdateInputFor = (tenant: TenantNumbering, extra?: NumberCheck) =>
  extensionUpdateInput.superRefine(refineForTenant(tenant, extra));

export const extensionListQuery = z.object({
  q: z.string().trim().max(100).refine(hasNoControlChars, CONTROL_CHARS_MESSAGE).optional(),
  active: z.boolean().optional(),
  allowExternal: z.boolean().optional(),
  adSynced: z.boolean().optional(),
  sort: z.enum(['number', 'displayName', 'createdAt']).default('number'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  cursor: cursorParam.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  withTotal: z.boolean().default(false),
});
export type ExtensionListQuery = z.input<typeof extensionListQuery>;
