import { engineOfDb, type Tx as PrismaTx } from './client.ts';
import type { SqlTx as Tx } from './sql.ts';

/**
 * Multi-row INSERT as one statement with one array parameter per column:
 *   INSERT INTO t (a, b) SELECT * FROM unnest($1::varchar[], $2::ast_bool_values[])
 * Prisma's createMany spends most of its time building rows for wide tables (ps_endpoints has
 * 130 columns); this is about twenty times faster for 1,000 rows. Each array is cast to the
 * column's type as the catalog reports it, so an operator's older Asterisk schema (other enum
 * type names) works too.
 */
const typeCache = new Map<string, Map<string, string>>();

async function columnTypes(tx: Tx, table: string): Promise<Map<string, string>> {
  let types = typeCache.get(table);
  if (!types) {
    const rows = await tx.$queryRaw<{ column_name: string; udt_name: string }[]>`
      SELECT column_name, udt_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = ${table}`;
    types = new Map(rows.map((r) => [r.column_name, r.udt_name]));
    typeCache.set(table, types);
  }
  return types;
}

const quote = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

export async function bulkInsert<R extends Record<string, unknown>>(
  tx: Tx,
  table: string,
  rows: Record<string, unknown>[],
  returning?: (keyof R & string)[],
  onConflict = '',
): Promise<R[]> {
  if (!rows.length) return [];
  if (engineOfDb(tx as PrismaTx) === 'mariadb') return mysqlBulkInsert<R>(tx, table, rows, returning, onConflict);
  const types = await columnTypes(tx, table);
  const columns = Object.keys(rows[0]);
  const casts = columns.map((c, i) => {
    const type = types.get(c);
    if (!type) throw new Error(`${table}.${c} does not exist in this database`);
    return `$${i + 1}::${quote(type)}[]`;
  });
  const params = columns.map((c) =>
    rows.map((r) => {
      const v = r[c];
      if (v === undefined || v === null) return null;
      if (v instanceof Date) return v.toISOString();
      if (typeof v === 'object') return JSON.stringify(v);
      return String(v);
    }),
  );
  const sql =
    `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) SELECT * FROM unnest(${casts.join(', ')})${onConflict}` +
    (returning?.length ? ` RETURNING ${returning.map(quote).join(', ')}` : '');
  if (returning?.length) return tx.$queryRawUnsafe<R[]>(sql, ...params);
  await tx.$executeRawUnsafe(sql, ...params);
  return [];
}

/** The same, replacing the rows whose `key` columns already exist (every other column given). */
export async function bulkUpsert(tx: Tx, table: string, rows: Record<string, unknown>[], key: string[]): Promise<void> {
  if (!rows.length) return;
  if (engineOfDb(tx as PrismaTx) === 'mariadb') {
    // The key is the table's unique key (MySQL names no conflict target: any unique key counts).
    const set = Object.keys(rows[0]).filter((c) => !key.includes(c)).map((c) => `${quote(c)} = VALUES(${quote(c)})`);
    await mysqlBulkInsert(tx, table, rows, undefined, ` ON DUPLICATE KEY UPDATE ${set.join(', ')}`);
    return;
  }
  const set = Object.keys(rows[0]).filter((c) => !key.includes(c)).map((c) => `${quote(c)} = EXCLUDED.${quote(c)}`);
  await bulkInsert(tx, table, rows, undefined, ` ON CONFLICT (${key.map(quote).join(', ')}) DO UPDATE SET ${set.join(', ')}`);
}

/** MySQL takes at most 65,535 parameters a statement: rows go in statements of fewer. */
const MYSQL_MAX_PARAMS = 60_000;

/** A JS value as MySQL's driver takes it: dates as UTC DATETIME text (sessions run in UTC). */
function mysqlValue(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return v.toISOString().replace('T', ' ').replace('Z', '');
  if (typeof v === 'object') return JSON.stringify(v);
  return v;
}

/**
 * MariaDB/MySQL: multi-row VALUES, in chunks under the parameter limit. RETURNING is MariaDB's
 * (10.5+); with it each chunk's rows come back in the order given, as PostgreSQL's do.
 */
async function mysqlBulkInsert<R>(tx: Tx, table: string, rows: Record<string, unknown>[], returning: string[] | undefined, onConflict: string): Promise<R[]> {
  const columns = Object.keys(rows[0]);
  const perStatement = Math.max(1, Math.floor(MYSQL_MAX_PARAMS / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const params = chunk.flatMap((r) => columns.map((c) => mysqlValue(r[c])));
    const sql =
      `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}${onConflict}` +
      (returning?.length ? ` RETURNING ${returning.map(quote).join(', ')}` : '');
    if (returning?.length) out.push(...(await tx.$queryRawUnsafe<R[]>(sql, ...params)));
    else await tx.$executeRawUnsafe(sql, ...params);
  }
  return out;
}
