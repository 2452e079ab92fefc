import type { z } from 'zod';
import { toCamel } from '../casing.ts';

type Picker = (source: Record<string, unknown>, extra: Record<string, unknown> | undefined, wire: (v: unknown) => unknown) => Record<string, unknown>;

/** One compiled picker per schema, made on first use. */
const pickers = new WeakMap<z.ZodObject, Picker>();

/**
 * A function that builds the resource as one object literal. A loop that reads and writes keys by
 * name costs about 4 µs a row (every access a dictionary lookup), which is most of a 50-row page's
 * time; a literal with fixed keys is one hidden class and direct loads. The keys are the schema's
 * own property names (code, never input), and JSON.stringify quotes each.
 */
function pickerOf(schema: z.ZodObject): Picker {
  let picker = pickers.get(schema);
  if (!picker) {
    const fields = Object.keys(schema.shape).map((key) => {
      const k = JSON.stringify(key);
      const read = `(extra !== undefined && Object.hasOwn(extra, ${k}) ? extra[${k}] : source[${JSON.stringify(toCamel(key))}])`;
      // Strings, numbers and booleans (most values) pass through without a call.
      return `${k}: (v = ${read}, typeof v === 'object' || typeof v === 'bigint' || v === undefined ? wire(v) : v)`;
    });
    picker = new Function('source', 'extra', 'wire', `let v;\nreturn {\n${fields.join(',\n')}\n};`) as Picker;
    pickers.set(schema, picker);
  }
  return picker;
}

/** How a domain value goes on the wire: dates as ISO strings, bigints as strings, absent as null. */
const wire = (value: unknown) =>
  value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? value.toString() : value === undefined ? null : value;

/**
 * The keys a resource schema names, read from a domain object by their camelCase names; dates
 * become ISO strings, bigints strings. What a response can hold is what its schema says.
 */
export function pickSnake<S extends z.ZodObject>(schema: S, from: object, extra?: Record<string, unknown>): z.output<S> {
  return pickerOf(schema)(from as Record<string, unknown>, extra, wire) as z.output<S>;
}
