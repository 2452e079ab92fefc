import { z } from 'zod';
import { CONTROL_CHARS_MESSAGE, hasNoControlChars } from '../parse.ts';
import { captureGroups } from './rules.ts';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const compiles = (source: string) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
};

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`).refine(hasNoControlChars, CONTROL_CHARS_MESSAGE);
const optional = <S extends z.ZodType>(s: S) => z.preprocess(blankToUndefined, s.optional());
const regex = z.string().max(500, 'at most 500 characters').refine(compiles, 'is not a valid regular expression');

const filterFields = {
  /** ps_endpoints.context, exactly. */
  context: optional(text(80)),
  /** An id pattern: `*` any run of characters, `?` one (`acme-*`). */
  match: optional(text(255)),
  /** A regular expression the whole id or part of it matches (JavaScript syntax). */
  regex: optional(regex),
};

export const unownedFilter = z
  .object({ ...filterFields, limit: z.coerce.number().int().min(1).max(100_000).default(1_000) })
  .refine((f) => !(f.match && f.regex), { message: 'give an id pattern or a regular expression, not both', path: ['regex'] });
export type UnownedFilter = z.input<typeof unownedFilter>;

/** Which endpoints to adopt: by pattern, regular expression and/or context, or a list of ids. */
export const adoptSelection = z
  .object({
    ...filterFields,
    ids: z.array(z.string().trim().min(1).max(255).refine(hasNoControlChars, CONTROL_CHARS_MESSAGE)).max(100_000).optional(),
  })
  .superRefine((s, ctx) => {
    const byFilter = Boolean(s.match || s.regex || s.context);
    if (s.ids?.length && byFilter) ctx.addIssue({ code: 'custom', path: ['ids'], message: 'a list of ids stands alone: no pattern or context with it' });
    if (!s.ids?.length && !byFilter) ctx.addIssue({ code: 'custom', path: ['match'], message: 'choose endpoints: an id pattern, a regular expression, a context or a list of ids' });
    if (s.match && s.regex) ctx.addIssue({ code: 'custom', path: ['regex'], message: 'give an id pattern or a regular expression, not both' });
  });
export type AdoptSelection = z.input<typeof adoptSelection>;

export const adoptOptions = z.object({
  /** A regular expression over the endpoint id whose first group is the number (`^acme-(\d+)$`). */
  numberFrom: optional(regex.refine((s) => !compiles(s) || captureGroups(new RegExp(s)) >= 1, 'needs a group, (...), around the number')),
  /** Plaintext passwords become md5 digests (the phone keeps its password). */
  convertSecrets: z.boolean().default(false),
  /** The endpoint's context becomes the tenant's, with the tenant's accountcode, tenantid and caller ID. */
  setContext: z.boolean().default(false),
  /** Adopt what can be adopted and leave the conflicting endpoints as they are. */
  skipConflicts: z.boolean().default(false),
  /** Plan only; nothing is written. */
  dryRun: z.boolean().default(false),
});
export type AdoptOptions = z.input<typeof adoptOptions>;
export type AdoptOptionValues = z.output<typeof adoptOptions>;
