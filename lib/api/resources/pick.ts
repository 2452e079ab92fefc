import type { z } from 'zod';
import { toCamel } from '../casing.ts';

/** [snake, camel] key pairs per schema, worked out once: a page of 50 would redo it 1,000 times. */
const keyPairs = new WeakMap<z.ZodObject, [string, string][]>();

function pairsOf(schema: z.ZodObject): [string, string][] {
  let pairs = keyPairs.get(schema);
  if (!pairs) {
    pairs = Object.keys(schema.shape).map((k) => [k, toCamel(k)]);
    keyPairs.set(schema, pairs);
  }
  return pairs;
}

/**
 * The keys a resource schema names, read from a domain object by their camelCase names; dates
 * become ISO strings, bigints strings. What a response can hold is what its schema says.
 */
export function pickSnake<S extends z.ZodObject>(schema: S, from: object, extra?: Record<string, unknown>): z.output<S> {
  const source = from as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, camel] of pairsOf(schema)) {
    const value = extra && Object.hasOwn(extra, key) ? extra[key] : source[camel];
    out[key] = value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? value.toString() : value === undefined ? null : value;
  }
  return out as z.output<S>;
}
