import { readFileSync } from 'node:fs';
import wasm from '@prisma/prisma-schema-wasm';
import mariadb from 'mariadb';
import { mariadbOptions } from '../../lib/db/mariadb-url.ts';
import { EXTRA_TABLES, TABLES_PREFIX, type AsteriskColumn, type AsteriskRead } from './render.ts';

type PgModel = { dbName: string | null; name: string; fields: { name: string; dbName?: string | null; kind: string; type: string }[] };
type PgEnum = { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] };

/** The PostgreSQL schema's enum for each table.column, to name MySQL's nameless inline enums. */
function postgresEnums(): { byColumn: Map<string, string>; values: Map<string, string[]> } {
  const text = readFileSync(new URL('../../prisma/schema/asterisk.prisma', import.meta.url), 'utf8');
  const head = 'datasource db {\n  provider = "postgresql"\n}\n';
  const dm = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: [['asterisk.prisma', head + text]] }))).datamodel as { models: PgModel[]; enums: PgEnum[] };
  const values = new Map(dm.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)]));
  const dbNameOf = new Map(dm.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const byColumn = new Map<string, string>();
  for (const m of dm.models)
    for (const f of m.fields) if (f.kind === 'enum') byColumn.set(`${m.dbName ?? m.name}.${f.dbName ?? f.name}`, dbNameOf.get(f.type)!);
  return { byColumn, values };
}

/** MySQL's `enum('yes','no')` as its values (Asterisk's values hold no quotes or commas). */
const enumValues = (columnType: string) => [...columnType.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1].replace(/''/g, "'"));

export async function readAsteriskMysql(url: string): Promise<AsteriskRead> {
  const conn = await mariadb.createConnection(mariadbOptions(url));
  try {
    const tables = [...EXTRA_TABLES];
    const cols: Record<string, string>[] = await conn.query(
      `SELECT table_name AS t, column_name AS c, data_type AS dt, column_type AS ct, is_nullable AS n, extra AS x
         FROM information_schema.columns
        WHERE table_schema = DATABASE() AND (table_name LIKE ? OR table_name IN (?))
        ORDER BY table_name, ordinal_position`,
      [`${TABLES_PREFIX}%`, tables],
    );
    const keyRows: Record<string, string>[] = await conn.query(
      `SELECT table_name AS t, index_name AS i, GROUP_CONCAT(column_name ORDER BY seq_in_index) AS cols
         FROM information_schema.statistics
        WHERE table_schema = DATABASE() AND non_unique = 0 AND (table_name LIKE ? OR table_name IN (?))
        GROUP BY table_name, index_name`,
      [`${TABLES_PREFIX}%`, tables],
    );
    const pgEnums = postgresEnums();
    const enums = new Map<string, string[]>();
    const columns: AsteriskColumn[] = cols.map((r) => {
      const base = { table: r.t, column: r.c, nullable: r.n === 'YES', autoincrement: r.x.includes('auto_increment') };
      if (r.dt !== 'enum') return { ...base, ...typeOf(r) };
      const name = pgEnums.byColumn.get(`${r.t}.${r.c}`);
      const values = enumValues(r.ct);
      if (!name) throw new Error(`${r.t}.${r.c} is an enum in MySQL's DDL but not in PostgreSQL's`);
      if (JSON.stringify(pgEnums.values.get(name)) !== JSON.stringify(values))
        throw new Error(`${r.t}.${r.c}: MySQL's values ${values.join(',')} differ from PostgreSQL's ${name} (${pgEnums.values.get(name)?.join(',')})`);
      enums.set(name, values);
      return { ...base, type: name.split(/[^a-zA-Z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join(''), native: null };
    });
    return {
      columns,
      enums: new Map([...enums].sort(([a], [b]) => a.localeCompare(b))),
      keys: keyRows.map((k) => ({ table: k.t, name: k.i, primary: k.i === 'PRIMARY', cols: k.cols.split(',') })),
      tables: [...new Set(columns.map((c) => c.table))],
    };
  } finally {
    await conn.end();
  }
}

function typeOf(c: Record<string, string>): { type: string; native: string | null } {
  const ct = c.ct.toLowerCase();
  switch (c.dt) {
    case 'varchar': return { type: 'String', native: `@db.VarChar(${/\((\d+)\)/.exec(ct)![1]})` };
    case 'text': return { type: 'String', native: '@db.Text' };
    case 'int': return { type: 'Int', native: null };
    case 'bigint': return { type: 'BigInt', native: null };
    // FLOAT is single precision in MySQL (PostgreSQL's DDL says DOUBLE PRECISION).
    case 'float': return { type: 'Float', native: '@db.Float' };
    case 'double': return { type: 'Float', native: null };
    case 'tinyint': return ct === 'tinyint(1)' ? { type: 'Boolean', native: null } : { type: 'Int', native: '@db.TinyInt' };
    case 'decimal': { const [, p, s] = /\((\d+),(\d+)\)/.exec(ct)!; return { type: 'Decimal', native: `@db.Decimal(${p}, ${s})` }; }
    case 'datetime': return { type: 'DateTime', native: '@db.DateTime(0)' };
    default: throw new Error(`unmapped type ${c.ct} for ${c.t}.${c.c}`);
  }
}
