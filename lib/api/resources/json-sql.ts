import { z } from 'zod';
import { Prisma } from '../../generated/prisma/client.ts';

/** PostgreSQL's to_char for what Date#toISOString writes: UTC, milliseconds (cut, as a Date keeps them). */
const isoSql = (expr: string) => `to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const isDateTime = (field: z.ZodType): boolean => {
  const inner = field instanceof z.ZodNullable || field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType) : field;
  return inner instanceof z.ZodISODateTime;
};

/**
 * A resource schema as one JSON text per row, built by PostgreSQL: each key of the schema from the
 * column of the same name of the row `e`, or from the expression `columns` gives for it; date-times
 * as the API writes them everywhere. The list pages are served this way (lib/domain/extension's
 * projection), and a test holds them equal to what the resource mapper makes of the same rows.
 * row_to_json over a one-row subquery, not json_build_object: the latter looks up the type of
 * every argument on every row, and costs PostgreSQL half again as much for a page.
 */
export function jsonColumns(schema: z.ZodObject, columns: Record<string, string> = {}, as = 'json'): Prisma.Sql {
  const fields = Object.entries(schema.shape).map(([key, field]) => {
    if (!/^[a-z][a-z0-9_]*$/.test(key)) throw new Error(`resource key ${key} cannot name a column`);
    const expr = columns[key] ?? `e.${key}`;
    return `${isDateTime(field as z.ZodType) ? isoSql(expr) : expr} AS ${key}`;
  });
  return Prisma.raw(`(SELECT row_to_json(j) FROM (SELECT ${fields.join(', ')}) j)::text AS "${as}"`);
}
