import { z } from 'zod';
import { cursorParam } from '../pagination.ts';
import { CONTROL_CHARS_MESSAGE, hasNoControlChars } from '../parse.ts';

export const CALL_DIRECTIONS = ['internal', 'outbound', 'inbound', 'emergency'] as const;
export const CALL_OUTCOMES = ['answered', 'missed', 'busy', 'failed', 'refused'] as const;

const instant = z.coerce.date({ error: 'must be a date and time' }).refine((d) => !Number.isNaN(d.getTime()) && d.getFullYear() >= 2000 && d.getFullYear() < 10000, 'must be a date and time');

/** The filters of a tenant's call history, shared by the Calls page, the API and the CSV export. */
export const callListQuery = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    /** An extension number of the tenant: its calls made and received. */
    extension: z.string().trim().regex(/^[0-9]{1,10}$/, 'an extension number').optional(),
    direction: z.enum(CALL_DIRECTIONS).optional(),
    outcome: z.enum(CALL_OUTCOMES).optional(),
    /** Digits of the calling or called number (or a name), anywhere in it. */
    q: z.string().trim().max(40).refine(hasNoControlChars, CONTROL_CHARS_MESSAGE).optional(),
    cursor: cursorParam.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: 'must not be before from' });
export type CallListQuery = z.input<typeof callListQuery>;
