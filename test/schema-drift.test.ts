/**
 * schema.prisma and the migrated database agree: every model is a table, every field a column of
 * the same type and nullability, every enum the same values, every @unique/@@index an index.
 * This stands in for `prisma migrate diff`, whose engine cannot be downloaded here.
 */
import { describe, expect, inject, it } from 'vitest';
import { withClient } from './support/pg.ts';
import { loadDatamodel, UNMODELLED, type Field } from './support/prisma-dmmf.ts';

const dmmf = loadDatamodel('schema');
const enumDbName = new Map(dmmf.enums.map((e) => [e.name, e.dbName ?? e.name]));

/** The PostgreSQL type a Prisma scalar (with its native type) becomes. */
function expectedType(f: Field): string {
  const [native, args = []] = f.nativeType ?? [null, []];
  if (f.kind === 'enum') return `USER-DEFINED:${enumDbName.get(f.type)}`;
  switch (native ?? f.type) {
    case 'VarChar': return `character varying(${args[0]})`;
    case 'Char': return `character(${args[0]})`;
    case 'Uuid': return 'uuid';
    case 'SmallInt': return 'smallint';
    case 'Timestamptz': return 'timestamp with time zone';
    case 'Timestamp': return 'timestamp without time zone';
    case 'Decimal': return `numeric(${args[0]},${args[1]})`;
    case 'String': return 'text';
    case 'Int': return 'integer';
    case 'BigInt': return 'bigint';
    case 'Float': return 'double precision';
    case 'Boolean': return 'boolean';
    case 'DateTime': return 'timestamp(3) without time zone';
    case 'Json': return 'jsonb';
    default: throw new Error(`no mapping for ${f.type} ${native}`);
  }
}

function actualType(c: Record<string, string | number | null>): string {
  switch (c.data_type) {
    case 'USER-DEFINED': return `USER-DEFINED:${c.udt_name}`;
    case 'character varying': return `character varying(${c.character_maximum_length})`;
    case 'character': return `character(${c.character_maximum_length})`;
    case 'numeric': return `numeric(${c.numeric_precision},${c.numeric_scale})`;
    default: return String(c.data_type);
  }
}

describe('schema.prisma and the migrated database', () => {
  const url = inject('databaseUrl');

  it('agree on every table, column, type and nullability', async () => {
    const { columns, tables } = await withClient(url, async (c) => ({
      columns: (await c.query(`SELECT table_name, column_name, data_type, udt_name, character_maximum_length, numeric_precision, numeric_scale, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`)).rows,
      tables: (await c.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`)).rows.map((r) => r.table_name as string),
    }));
    const problems: string[] = [];
    const modelled = new Set<string>();
    for (const m of dmmf.models) {
      const table = m.dbName ?? m.name;
      modelled.add(table);
      const dbCols = columns.filter((c) => c.table_name === table);
      if (!dbCols.length) { problems.push(`table ${table} (model ${m.name}) is missing`); continue; }
      const scalars = m.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum');
      for (const f of scalars) {
        const col = f.dbName ?? f.name;
        const c = dbCols.find((x) => x.column_name === col);
        if (!c) { problems.push(`${table}.${col} is missing`); continue; }
        if (actualType(c) !== expectedType(f)) problems.push(`${table}.${col}: database ${actualType(c)}, schema ${expectedType(f)}`);
        if ((c.is_nullable === 'NO') !== f.isRequired) problems.push(`${table}.${col}: nullability differs`);
      }
      for (const c of dbCols)
        if (!scalars.some((f) => (f.dbName ?? f.name) === c.column_name)) problems.push(`${table}.${c.column_name} is not in schema.prisma`);
    }
    for (const t of tables) if (!modelled.has(t) && !UNMODELLED.has(t)) problems.push(`table ${t} is not in schema.prisma`);
    expect(problems).toEqual([]);
  });

  it('agree on every enum and its values, in order', async () => {
    const dbEnums = await withClient(url, async (c) =>
      Object.fromEntries((await c.query(`SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`)).rows.map((r) => [r.typname, r.labels])),
    );
    for (const e of dmmf.enums) expect(dbEnums[e.dbName ?? e.name], e.name).toEqual(e.values.map((v) => v.dbName ?? v.name));
  });

  it('agree on primary keys, unique constraints and indexes', async () => {
    const indexes = await withClient(url, async (c) =>
      (await c.query(`SELECT t.relname AS table, i.indisunique AS unique, i.indisprimary AS primary,
                             array_agg(a.attname::text ORDER BY k.ord) AS cols
                        FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
                        JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
                        CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                        JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
                       -- key columns only: INCLUDE columns ride along in the index, Prisma cannot name them
                       WHERE k.ord <= i.indnkeyatts
                       GROUP BY t.relname, i.indexrelid, i.indisunique, i.indisprimary`)).rows,
    );
    const problems: string[] = [];
    for (const idx of dmmf.indexes) {
      const model = dmmf.models.find((m) => m.name === idx.model)!;
      const table = model.dbName ?? model.name;
      const cols = idx.fields.map((f) => { const fd = model.fields.find((x) => x.name === f.name)!; return fd.dbName ?? fd.name; });
      const found = indexes.some((i) => i.table === table && i.cols.join(',') === cols.join(',') && (idx.type === 'normal' || i.unique) && (idx.type !== 'id' || i.primary));
      if (!found) problems.push(`${idx.type} index on ${table}(${cols.join(', ')}) is missing`);
    }
    for (const i of indexes.filter((i) => i.unique && String(i.table).startsWith('sb_') && i.table !== 'sb_schema_migrations')) {
      const model = dmmf.models.find((m) => (m.dbName ?? m.name) === i.table)!;
      const known = dmmf.indexes.some((idx) => idx.model === model.name && idx.type !== 'normal' && idx.fields.map((f) => { const fd = model.fields.find((x) => x.name === f.name)!; return fd.dbName ?? fd.name; }).join(',') === i.cols.join(','));
      if (!known) problems.push(`unique index on ${i.table}(${i.cols.join(', ')}) is not in schema.prisma`);
    }
    expect(problems).toEqual([]);
  });
});
