import { z } from 'zod';
import { adminPasswordProblems } from './password-policy.ts';

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
export const roles = ['platform_admin', 'tenant_admin', 'viewer'] as const;

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().min(1, 'is required').max(254),
  password: z.string().min(1, 'is required').max(200),
});

const roleTenant = (v: { role?: (typeof roles)[number]; tenantId?: string | null }, ctx: z.RefinementCtx) => {
  if (v.role === 'tenant_admin' && !v.tenantId) ctx.addIssue({ code: 'custom', path: ['tenantId'], message: 'a tenant admin needs a tenant' });
  if (v.role === 'platform_admin' && v.tenantId) ctx.addIssue({ code: 'custom', path: ['tenantId'], message: 'a platform admin has no tenant' });
};

export const adminCreateInput = z
  .object({
    email: z.email('must be an e-mail address').max(254).toLowerCase(),
    name: z.string().trim().min(1, 'is required').max(120),
    role: z.enum(roles),
    tenantId: z.preprocess(blankToNull, z.uuid('pick a tenant').nullable().optional()),
    /** absent: a strong password is generated and shown once. */
    password: z.preprocess(blankToNull, z.string().nullable().optional()),
  })
  .superRefine((v, ctx) => {
    roleTenant(v, ctx);
    if (v.password)
      for (const message of adminPasswordProblems(v.password, v.email)) ctx.addIssue({ code: 'custom', path: ['password'], message });
  });
export type AdminCreateInput = z.input<typeof adminCreateInput>;

export const adminUpdateInput = z
  .object({
    name: z.string().trim().min(1, 'is required').max(120).optional(),
    role: z.enum(roles).optional(),
    tenantId: z.preprocess(blankToNull, z.uuid('pick a tenant').nullable().optional()),
    disabled: z.boolean().optional(),
  })
  .superRefine(roleTenant);
export type AdminUpdateInput = z.input<typeof adminUpdateInput>;
