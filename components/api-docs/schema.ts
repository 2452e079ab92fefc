/**
 * Reading JSON schemas for people: `$ref`s followed, "X or null" folded into one type marked
 * nullable, and the constraints said in a few words.
 */
import type { ApiDoc, Schema } from './document';

/** The component a `#/components/schemas/<name>` reference names, with that name. */
export function resolve(doc: ApiDoc, schema: Schema): { schema: Schema; name?: string } {
  let name: string | undefined;
  let s = schema;
  // A chain of references ends in a schema; the guard stops a reference to itself.
  for (let hops = 0; s.$ref && hops < 10; hops++) {
    name = s.$ref.split('/').pop()!;
    const { description } = s;
    s = doc.components.schemas[name] ?? {};
    // A description next to the $ref speaks of this use of the component: it wins.
    if (description) s = { ...s, description };
  }
  return { schema: s, name };
}

const isNull = (s: Schema) => s.type === 'null';

/** The non-null members of an anyOf/oneOf. */
const members = (s: Schema) => (s.oneOf ?? s.anyOf ?? []).filter((m) => !isNull(m));

/** "X or null" as X, nullable. zod writes it as anyOf [X, {type: null}] or as type [x, "null"]. */
export function unwrapNullable(doc: ApiDoc, schema: Schema): { schema: Schema; name?: string; nullable: boolean } {
  const { schema: s, name } = resolve(doc, schema);
  const union = s.oneOf ?? s.anyOf;
  if (union && union.some(isNull) && members(s).length === 1) {
    const inner = resolve(doc, members(s)[0]);
    return { schema: { ...inner.schema, description: s.description ?? inner.schema.description }, name: inner.name, nullable: true };
  }
  if (Array.isArray(s.type) && s.type.includes('null')) {
    const rest = s.type.filter((t) => t !== 'null');
    return { schema: { ...s, type: rest.length === 1 ? rest[0] : rest }, name, nullable: true };
  }
  return { schema: s, name, nullable: false };
}

/** The alternatives of a oneOf/anyOf that is more than "X or null". */
export function variantsOf(doc: ApiDoc, schema: Schema): Schema[] | null {
  const { schema: s } = unwrapNullable(doc, schema);
  const m = members(s);
  return m.length > 1 ? m : null;
}

/** Object-like: has fields to list. */
export const hasFields = (s: Schema) => !!s.properties && Object.keys(s.properties).length > 0;

function baseType(s: Schema): string {
  if (Array.isArray(s.type)) return s.type.join(' | ');
  if (s.type) return s.type;
  if (s.properties) return 'object';
  if (s.const !== undefined) return typeof s.const;
  return 'any';
}

/** The type in a word or two: `string`, `Tenant`, `array of Extension`, `one of 2`. */
export function typeName(doc: ApiDoc, schema: Schema): string {
  const { schema: s, name } = unwrapNullable(doc, schema);
  const variants = variantsOf(doc, schema);
  if (variants) return variants.map((v) => typeName(doc, v)).join(' | ');
  if (name && (s.type === 'object' || s.properties)) return name;
  if (s.type === 'array' || s.items) {
    if (!s.items) return 'array';
    const item = unwrapNullable(doc, s.items);
    const inner = typeName(doc, s.items);
    return `array of ${item.nullable ? `(${inner} | null)` : inner}`;
  }
  return baseType(s);
}

export type Note = { label: string; code?: string };

// zod writes z.int() as the safe-integer range: saying so would only add noise.
const SAFE = Number.MAX_SAFE_INTEGER;
const bound = (n: number | undefined) => (n === undefined || Math.abs(n) >= SAFE ? undefined : n);
const count = (n: number) => n.toLocaleString('en');

function range(min: number | undefined, max: number | undefined, unit = ''): string | undefined {
  const u = unit ? ` ${unit}` : '';
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${count(min)}${u}` : `${count(min)}–${count(max)}${u}`;
  if (min !== undefined) return `at least ${count(min)}${u}`;
  if (max !== undefined) return `at most ${count(max)}${u}`;
  return undefined;
}

const literal = (v: unknown) => JSON.stringify(v);

/** The rules a value must follow, each short: "1–80 characters", "one of: a | b", a pattern. */
export function constraints(doc: ApiDoc, schema: Schema): Note[] {
  const { schema: s } = unwrapNullable(doc, schema);
  const notes: Note[] = [];
  if (s.const !== undefined) notes.push({ label: 'always', code: literal(s.const) });
  if (s.enum) notes.push({ label: 'one of', code: s.enum.map(literal).join(' | ') });
  const length = range(s.minLength, s.maxLength, 'characters');
  if (length) notes.push({ label: length });
  const value = range(bound(s.minimum), bound(s.maximum));
  if (value) notes.push({ label: value });
  const items = range(s.minItems, s.maxItems, 'items');
  if (items) notes.push({ label: items });
  // A format (uuid, date-time, email) says what its long generated pattern says, readably.
  if (s.pattern && !s.format) notes.push({ label: 'pattern', code: s.pattern });
  if (s.default !== undefined) notes.push({ label: 'default', code: literal(s.default) });
  return notes;
}

/** Everything the type column shows. */
export function describe(doc: ApiDoc, schema: Schema) {
  const { schema: s, nullable } = unwrapNullable(doc, schema);
  return { type: typeName(doc, schema), format: s.format, nullable, notes: constraints(doc, schema), description: s.description };
}
