import { createHash } from 'node:crypto';
import type pg from 'pg';
import { Prisma } from '../generated/prisma/client.ts';
import { postgresDialect } from './dialect.ts';
import { engineOfDb, isRootClient, LONG_TRANSACTION, poolOf, type Db, type Tx } from './client.ts';

/**
 * What raw-SQL code needs of a client: a Prisma client or transaction, or a plain SQL transaction
 * (sqlTransaction). Code typed with this runs on all three.
 */
export type SqlTx = Pick<Tx, '$queryRaw' | '$queryRawUnsafe' | '$executeRaw' | '$executeRawUnsafe'>;

/** A statement with positional parameters ($1, $2, ...), as Prisma.sql`...` builds them. */
export type Statement = { text: string; values: unknown[] };

const names = new Map<string, string>();

/** One name per statement text: the server plans it once per connection instead of per call. */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `sb_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    if (names.size > 2_000) names.clear();
    names.set(text, name);
  }
  return name;
}

/**
 * Rows of a read on the hot path (API authentication, tenant lookup, list pages). On a root client
 * it runs as a prepared statement on the driver's pool: a fifth of what the same query costs
 * through Prisma's raw query path, which a request paying for three lookups feels. In a
 * transaction it runs on that transaction through Prisma, so it sees the transaction's writes.
 * Column types must read the same both ways: text, booleans, int4 and float8 (not int8), and
 * timestamps as float8 epoch milliseconds (see `epochMs`).
 */
export async function sqlRows<T>(db: SqlTx, statement: Statement, options: RowOptions = {}): Promise<T[]> {
  if (engineOfDb(db as Tx) === 'mariadb') return mysqlRows<T>(db, statement, options);
  const pool = poolOf(db as Tx);
  if (!pool) return db.$queryRawUnsafe<T[]>(statement.text, ...statement.values);
  const result = await pool.query({ name: nameOf(statement.text), text: statement.text, values: statement.values as unknown[] });
  return result.rows as T[];
}

/** How rows read on MySQL become what PostgreSQL returns: it has no boolean type (TINYINT(1)). */
export type RowOptions = { booleans?: readonly string[] };

/**
 * The same read on MariaDB/MySQL, through Prisma (in or out of a transaction). The statement must
 * be a Prisma.sql`...` so that it carries MySQL's parameter markers; counts (BIGINT) come back as
 * numbers and the columns named as booleans as booleans, as from PostgreSQL.
 */
async function mysqlRows<T>(db: SqlTx, statement: Statement, { booleans = [] }: RowOptions): Promise<T[]> {
  if (!(statement instanceof Prisma.Sql)) throw new Error(`a statement written for PostgreSQL only reached MySQL: ${statement.text.slice(0, 80)}`);
  const rows = await db.$queryRaw<Record<string, unknown>[]>(statement);
  for (const row of rows) {
    for (const k in row) if (typeof row[k] === 'bigint') row[k] = Number(row[k]);
    for (const k of booleans) if (row[k] !== null && row[k] !== undefined) row[k] = Boolean(row[k]);
  }
  return rows as T[];
}

/**
 * A timestamptz column as float8 milliseconds since the epoch, truncated as a JS Date keeps it:
 * `new Date(ms)` costs a fraction of parsing PostgreSQL's text form, and both executors agree on it.
 */
export const epochMs = postgresDialect.epochMs;

const isSql = (v: unknown): v is Prisma.Sql => v instanceof Prisma.Sql;
const statementOf = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]): Statement => {
  const sql = isSql(query) ? query : Prisma.sql(query, ...values);
  return { text: sql.text, values: sql.values };
};

/** A transaction on one of the pool's connections, with Prisma's raw-query methods. */
class PlainSqlTx {
  constructor(private readonly client: pg.PoolClient) {}

  private async run(s: Statement) {
    return this.client.query({ name: nameOf(s.text), text: s.text, values: s.values });
  }

  async $queryRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
    return (await this.run(statementOf(query, values))).rows;
  }

  async $queryRawUnsafe(text: string, ...values: unknown[]) {
    return (await this.run({ text, values })).rows;
  }

  async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
    return (await this.run(statementOf(query, values))).rowCount ?? 0;
  }

  async $executeRawUnsafe(text: string, ...values: unknown[]) {
    return (await this.run({ text, values })).rowCount ?? 0;
  }
}

/**
 * A transaction for work written in raw SQL only, on the driver's pool: a single extension's
 * create is ten statements, and each costs Prisma's query engine a quarter of a millisecond of CPU
 * more than the statement itself. Same guarantees as $transaction: all or nothing, rolled back
 * on any error. On a transaction client it runs inside that transaction.
 */
export async function sqlTransaction<T>(db: Db | Tx, fn: (tx: SqlTx) => Promise<T>): Promise<T> {
  // A transaction client (which forwards its root's $transaction too) keeps its work inside.
  if (!isRootClient(db as Tx)) return fn(db as SqlTx);
  const pool = poolOf(db as Tx);
  // MariaDB/MySQL: Prisma's own transaction.
  if (!pool) return (db as Db).$transaction((tx) => fn(tx), LONG_TRANSACTION);
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(new PlainSqlTx(client) as unknown as SqlTx);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((e: Error) => (broken = e));
    throw err;
  } finally {
    // A connection that could not roll back is not handed to the next caller.
    client.release(broken);
  }
}
