import { z } from 'zod';
import { CONTROL_CHARS_MESSAGE, hasNoControlChars } from '../parse.ts';

export const TOKEN_ACCESS = ['read', 'write'] as const;
export type TokenAccess = (typeof TOKEN_ACCESS)[number];

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** The longest a token may live; past that an integrator should rotate it anyway. */
export const MAX_TOKEN_DAYS = 3 * 366;

export const tokenCreateInput = z.object({
  name: z.string().trim().min(1, 'is required').max(80, 'at most 80 characters').refine(hasNoControlChars, CONTROL_CHARS_MESSAGE),
  /** null or absent: a platform token (platform admins only). */
  tenantId: z.preprocess(blankToNull, z.uuid('is not a tenant id').nullable().optional()),
  access: z.enum(TOKEN_ACCESS, 'must be read or write'),
  /** Days until it stops working; null or absent: it never expires. */
  expiresInDays: z.preprocess(blankToNull, z.coerce.number().int('whole days').min(1, 'at least 1 day').max(MAX_TOKEN_DAYS, `at most ${MAX_TOKEN_DAYS} days`).nullable().optional()),
  /** Requests per minute; null or absent: the platform default. */
  rateLimitPerMinute: z.preprocess(blankToNull, z.coerce.number().int().min(1, 'at least 1').max(1_000_000, 'at most 1,000,000').nullable().optional()),
});
export type TokenCreateInput = z.input<typeof tokenCreateInput>;
