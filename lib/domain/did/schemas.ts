import { z } from 'zod';
import { CONTROL_CHARS_MESSAGE, hasNoControlChars } from '../parse.ts';

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** A DID as people write it; parsed into E.164 in the tenant's country by the service. */
export const didInput = z.object({
  number: z.string().trim().min(1, 'is required').max(32, 'is too long').refine(hasNoControlChars, CONTROL_CHARS_MESSAGE),
  /** Extension number that rings; null leaves the DID unassigned (calls to it are refused). */
  extensionNumber: z.preprocess(blankToNull, z.string().trim().regex(/^[0-9]+$/, 'digits only').nullable().optional()),
  label: z.preprocess(blankToNull, z.string().trim().max(80, 'at most 80 characters').refine(hasNoControlChars, CONTROL_CHARS_MESSAGE).nullable().optional()),
});
export type DidInput = z.input<typeof didInput>;
