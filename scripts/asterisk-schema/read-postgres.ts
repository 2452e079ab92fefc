import pg from 'pg';
import { EXTRA_TABLES, pascal, TABLES_PREFIX, type AsteriskColumn, type AsteriskRead } from './render.ts';

export async function readAsteriskPostgres(url: string): Promise<AsteriskRead> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: cols } = await client.query(
      `select table_name, column_name, data_type, udt_name, is_nullable, character_maximum_length,
              numeric_precision, numeric_scale, column_default
         from information_schema.columns
        where table_schema = 'public' and (table_name like $1 or table_name = any($2))
        order by table_name, ordinal_position`,
      [`${TABLES_PREFIX}%`, EXTRA_TABLES],
    );
    const { rows: enumRows } = await client.query(
      `select t.typname, e.enumlabel from pg_type t join pg_enum e on e.enumtypid = t.oid
        order by t.typname, e.enumsortorder`,
    );
    const { rows: keyRows } = await client.query(
      `select tc.table_name, tc.constraint_name, tc.constraint_type,
              array_agg(kcu.column_name::text order by kcu.ordinal_position) as cols
         from information_schema.table_constraints tc
         join information_schema.key_column_usage kcu
           on kcu.constraint_name = tc.constraint_name and kcu.table_name = tc.table_name
        where tc.table_schema = 'public' and tc.constraint_type in ('UNIQUE', 'PRIMARY KEY')
        group by 1, 2, 3`,
    );
    const columns: AsteriskColumn[] = cols.map((r) => ({
      table: r.table_name,
      column: r.column_name,
      nullable: r.is_nullable === 'YES',
      autoincrement: Boolean(r.column_default?.startsWith('nextval(')),
      ...typeOf(r),
    }));
    const used = new Set(cols.filter((c) => c.data_type === 'USER-DEFINED').map((c) => c.udt_name as string));
    const enums = new Map<string, string[]>();
    for (const r of enumRows) if (used.has(r.typname)) enums.set(r.typname, [...(enums.get(r.typname) ?? []), r.enumlabel]);
    return {
      columns,
      enums,
      keys: keyRows.map((k) => ({ table: k.table_name, name: k.constraint_name, primary: k.constraint_type === 'PRIMARY KEY', cols: k.cols })),
      tables: [...new Set(columns.map((c) => c.table))],
    };
  } finally {
    await client.end();
  }
}

function typeOf(c: Record<string, string | number | null>): { type: string; native: string | null } {
  switch (c.data_type) {
    case 'character varying': return { type: 'String', native: `@db.VarChar(${c.character_maximum_length})` };
    case 'text': return { type: 'String', native: null };
    case 'integer': return { type: 'Int', native: null };
    case 'bigint': return { type: 'BigInt', native: null };
    case 'double precision': return { type: 'Float', native: null };
    case 'boolean': return { type: 'Boolean', native: null };
    // Asterisk's voicemail.volgain is a bare NUMERIC in PostgreSQL; its MySQL DDL says DECIMAL(5,2).
    case 'numeric': return { type: 'Decimal', native: `@db.Decimal(${c.numeric_precision ?? 5}, ${c.numeric_scale ?? 2})` };
    case 'timestamp without time zone': return { type: 'DateTime', native: '@db.Timestamp(6)' };
    case 'USER-DEFINED': return { type: pascal(String(c.udt_name)), native: null };
    default: throw new Error(`unmapped type ${c.data_type} for ${c.table_name}.${c.column_name}`);
  }
}
