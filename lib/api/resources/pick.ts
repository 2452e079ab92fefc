import type { z } from 'zod';
import { toCamel } from '../casing.ts';

/**
 * The keys a resource schema names, read from a domain object by their camelCase names; dates
 * become ISO strings, bigints strings. What a response can hold is what its schema says.
 */
export function pickSnake<S extends z.ZodObject>(schema: S, from: object, extra: Record<string, unknown> = {}): z.output<S> {
  const source = from as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = Object.hasOwn(extra, key) ? extra[key] : source[toCamel(key)];
    out[key] = value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? value.toString() : value === undefined ? null : value;
  }
  return out as z.output<S>;
}

