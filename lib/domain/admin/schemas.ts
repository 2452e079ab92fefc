import { z } from 'zod';
import { CONTROL_CHARS_MESSAGE, hasNoControlChars } from '../parse.ts';

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
export const roles = ['platform_admin', 'tenant_admin', 'viewer'] as const;

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().min(1, 'is required').max(254).refine(hasNoControlChars, CONTROL_CHARS_MESSAGE),
  password: z.string().min(1, 'is required').max(200),
});

const roleTenant = (v: { role?: (typeof roles)[number]; tenantId?: string | null }, ctx: z.RefinementCtx) => {
  if (v.role === 'tenant_admin' && !v.tenantId) ctx.addIssue({ code: 'custom', path: ['tenantId'], message: 'a tenant admin needs a tenant' });
  if (v.role === 'platform_admin' && v.tenantId) ctx.addIssue({ code: 'custom', path: ['tenantId'], message: 'a platform admin has no tenant' });
};

const name = z.string().trim().min(1, 'is required').max(120).refine(hasNoControlChars, CONTROL_CHARS_MESSAGE);

/**
 * The shape of a new admin, as the form checks it. The password policy needs dictionaries too big
 * for a browser bundle, so it is added on the server: rules.ts, which createAdmin parses with.
 */
export const adminCreateInput = z
  .object({
    email: z.email('must be an e-mail address').max(254).toLowerCase(),
    name,
    role: z.enum(roles),
    tenantId: z.preprocess(blankToNull, z.uuid('pick a tenant').nullable().optional()),
    /** absent: a strong password is generated and shown once. */
    password: z.preprocess(blankToNull, z.string().max(200, 'must be at most 200 characters').nullable().optional()),
  })
  .superRefine(roleTenant);
export type AdminCreateInput = z.input<typeof adminCreateInput>;

export const adminUpdateInput = z
  .object({
    name: name.optional(),
    role: z.enum(roles).optional(),
    tenantId: z.preprocess(blankToNull, z.uuid('pick a tenant').nullable().optional()),
    disabled: z.boolean().optional(),
  })
  .superRefine(roleTenant);
export type AdminUpdateInput = z.input<typeof adminUpdateInput>;
