/**
 * A schema as the rows of one table: each field, then the fields of the object (or of the array's
 * objects) it holds, one level deeper. One flat table reads better than tables inside tables.
 */
import type { ApiDoc, Schema } from './document';
import { describe, hasFields, resolve, unwrapNullable, variantsOf, type Note } from './schema';

export type FieldRow =
  | { kind: 'field'; key: string; depth: number; name: string; required: boolean; type: string; format?: string; nullable: boolean; notes: Note[]; description?: string }
  /** A heading inside the table: one alternative of a oneOf, or "each item" of a bare array. */
  | { kind: 'label'; key: string; depth: number; label: string; code?: string };

/** Alternatives worth a heading each: those with fields. "string | integer" is said by the type. */
function objectVariants(doc: ApiDoc, schema: Schema): Schema[] | null {
  const variants = variantsOf(doc, schema);
  return variants && variants.some((v) => hasFields(resolve(doc, v).schema)) ? variants : null;
}

/** What a oneOf alternative is told apart by: its constant fields, e.g. direction "outbound". */
function variantLabel(doc: ApiDoc, variant: Schema, index: number): { label: string; code?: string } {
  const { schema: s, name } = resolve(doc, variant);
  const consts = Object.entries(s.properties ?? {}).filter(([, p]) => p.const !== undefined);
  if (consts.length) return { label: `Variant ${index + 1}, when`, code: consts.map(([k, p]) => `${k} = ${JSON.stringify(p.const)}`).join(', ') };
  return { label: name ? `Variant ${index + 1}: ${name}` : `Variant ${index + 1}` };
}

export function fieldRows(doc: ApiDoc, schema: Schema, depth = 0, path = '', seen: ReadonlySet<string> = new Set()): FieldRow[] {
  const { schema: s, name } = unwrapNullable(doc, schema);
  // A schema that contains itself would nest forever: its second appearance stops at the type.
  if (name && seen.has(name)) return [];
  const inside = name ? new Set([...seen, name]) : seen;

  const variants = objectVariants(doc, schema);
  if (variants)
    return variants.flatMap((v, i) => [
      { kind: 'label' as const, key: `${path}|variant${i}`, depth, ...variantLabel(doc, v, i) },
      ...fieldRows(doc, v, depth + 1, `${path}|${i}`, inside),
    ]);

  if (s.items && depth === 0)
    return [{ kind: 'label', key: `${path}[]`, depth, label: 'An array; each item:' }, ...fieldRows(doc, s.items, depth + 1, `${path}[]`, inside)];

  if (!hasFields(s)) return [];
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties!).flatMap(([field, prop]) => {
    const key = path ? `${path}.${field}` : field;
    const row: FieldRow = { kind: 'field', key, depth, name: field, required: required.has(field), ...describe(doc, prop) };
    return [row, ...childRows(doc, prop, depth + 1, key, inside)];
  });
}

/** The fields inside one field: of its object, of its array's objects, or of its alternatives. */
function childRows(doc: ApiDoc, prop: Schema, depth: number, path: string, seen: ReadonlySet<string>): FieldRow[] {
  const { schema: inner } = unwrapNullable(doc, prop);
  if (objectVariants(doc, prop)) return fieldRows(doc, prop, depth, path, seen);
  if (hasFields(inner)) return fieldRows(doc, prop, depth, path, seen);
  if (inner.items) {
    const item = unwrapNullable(doc, inner.items);
    if (hasFields(item.schema) || objectVariants(doc, inner.items)) return fieldRows(doc, inner.items, depth, `${path}[]`, seen);
  }
  return [];
}
