import type { z } from 'zod';
import { fromZod, validationError } from '../errors.ts';

/** C0 and C1 control characters and DEL: never part of a name, a label, an e-mail or a search. */
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
export const CONTROL_CHARS_MESSAGE = 'may not contain control characters (such as NUL or line breaks)';
/** For single-line text fields: `.refine(hasNoControlChars, CONTROL_CHARS_MESSAGE)`. */
export const hasNoControlChars = (s: string) => !CONTROL_CHARS.test(s);

/**
 * Paths of the strings holding a NUL byte. PostgreSQL cannot store one in any text column and
 * fails the whole query, so no such string may get past a door, whatever its schema says.
 */
function nulPaths(value: unknown, path: string[] = [], out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(path.length ? path.join('.') : '_');
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nulPaths(v, [...path, String(i)], out));
  } else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) nulPaths(v, [...path, k], out);
  }
  return out;
}

/** Parses input at a door's edge; a failure becomes a validation AppError with field messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw fromZod(result.error);
  const nul = nulPaths(result.data);
  if (nul.length) throw validationError(Object.fromEntries(nul.map((p) => [p, [CONTROL_CHARS_MESSAGE]])));
  return result.data;
}

/** A page's `searchParams` as Next hands them over: a key may be missing, empty or repeated. */
export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Reads a query string with a use case's query schema, field by field. A value that is missing,
 * empty, repeated or invalid falls back to the field's default (or is left out), so an edited,
 * stale or crafted URL shows the default page instead of an error. Only the schema's own keys
 * are read, so `sort=constructor` or `__proto__=` reach nothing but the schema's check.
 */
export function parseSearchParams<S extends z.ZodObject>(schema: S, params: SearchParams): z.output<S> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    const raw = Object.hasOwn(params, key) ? params[key] : undefined;
    const value = typeof raw === 'string' && raw !== '' && !raw.includes('\u0000') ? raw : undefined;
    const parsed = field.safeParse(value);
    const result = parsed.success ? parsed : field.safeParse(undefined);
    if (result.success && result.data !== undefined) out[key] = result.data;
  }
  return out as z.output<S>;
}
