import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import { PrismaPg } from '@prisma/adapter-pg';
import type { ITXClientDenyList } from '@prisma/client/runtime/client';
import pg from 'pg';
import { log } from '../log.ts';
import { assertPostgres, engineOf, type Engine } from './engine.ts';
import { mariadbOptions } from './mariadb-url.ts';
import { PrismaClient } from '../generated/prisma/client.ts';
import { PrismaClient as MysqlPrismaClient } from '../generated/prisma-mysql/client.ts';

/**
 * Secret columns are left out of every query unless a caller asks for them by name, so no list,
 * audit snapshot or API answer can carry a SIP secret, a digest or a password hash by accident.
 */
const omit = {
  psAuth: { password: true, md5_cred: true, password_digest: true, oauth_secret: true, refresh_token: true },
  voicemail: { password: true, imappassword: true },
  adminUser: { passwordHash: true },
  apiToken: { tokenHash: true },
  directory: { bindPasswordSealed: true },
  extension: { pendingSecretSealed: true },
} as const;

export type Db = PrismaClient<never, typeof omit>;
/** A transaction client; a full client is accepted wherever this is. */
export type Tx = Omit<Db, ITXClientDenyList>;

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/switchboard)');
  return url;
}

/**
 * The driver's pool under each client, for hot reads that go straight to it (lib/db/sql.ts). Kept
 * on the client itself under a global symbol: Next bundles this module into several server
 * chunks, and a map of one copy would not know the clients another copy made.
 */
const POOL = Symbol.for('switchboard.pool');

/** Which engine a client runs on; on a transaction client, its root's (Prisma forwards it). */
const ENGINE = Symbol.for('switchboard.engine');
export const engineOfDb = (db: Tx): Engine => (db as unknown as Record<symbol, Engine | undefined>)[ENGINE] ?? 'postgres';

export type CreateDbOptions = {
  max?: number;
  /**
   * MariaDB/MySQL: the schema migrates (`db:migrate`) and the data layer is being ported engine by
   * engine; until every door runs there, only code that asks for it (its tests) gets such a client.
   */
  mariadb?: boolean;
};

export function createDb(url: string = databaseUrl(), options: CreateDbOptions = {}): Db {
  if (options.mariadb && engineOf(url) === 'mariadb') return createMariaDb(url, options);
  assertPostgres(url);
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? poolMax() });
  // An idle connection the server drops (a restart, a terminated backend) is an 'error' event:
  // without a listener it would end the process before Prisma ever attached its own.
  pool.on('error', (err) => log.warn('an idle database connection failed', { err: err.message }));
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const db = new PrismaClient({ adapter, omit }) as Db;
  Object.defineProperty(db, POOL, { value: { pool, client: db } });
  Object.defineProperty(db, ENGINE, { value: 'postgres' });
  return db;
}

/**
 * The same client on MariaDB/MySQL: Prisma's client generated from prisma/schema-mysql (same
 * models and fields, so it is typed as the PostgreSQL one), over the mariadb driver. Sessions run
 * in UTC (the adapter reads and writes DATETIME as UTC, and CURRENT_TIMESTAMP defaults must
 * agree) and in strict mode, so a value too long for its column is an error, never a silent cut;
 * "quoted" identifiers and || mean what they mean in PostgreSQL, so hand-written SQL is written once.
 */
function createMariaDb(url: string, options: CreateDbOptions): Db {
  const adapter = new PrismaMariaDb({
    ...mariadbOptions(url),
    connectionLimit: options.max ?? poolMax(),
    initSql: ["SET time_zone = '+00:00'", "SET sql_mode = CONCAT(@@sql_mode, ',STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION,ANSI_QUOTES,PIPES_AS_CONCAT')"],
    // The adapter brings its own copy of the driver, whose option types differ in details only.
  } as ConstructorParameters<typeof PrismaMariaDb>[0]);
  const db = new MysqlPrismaClient({ adapter, omit }) as unknown as Db;
  Object.defineProperty(db, POOL, { value: { pool: null, client: db } });
  Object.defineProperty(db, ENGINE, { value: 'mariadb' });
  return db;
}

/**
 * Connections per process: DATABASE_POOL_MAX, else 5. A process runs one query at a time on its
 * core; more connections than it can keep busy only add backends for PostgreSQL to switch between
 * (the portal runs one process per core, scripts/serve-portal.mjs).
 */
function poolMax(): number {
  const n = Number(process.env.DATABASE_POOL_MAX);
  return Number.isInteger(n) && n > 0 ? n : 5;
}

/**
 * The pool a root client runs on; null for a transaction client, which must stay in its
 * transaction. Prisma's transaction client forwards every property of its root client, this one
 * included, so the entry names the client it belongs to.
 */
export function poolOf(db: Tx): pg.Pool | null {
  return isRootClient(db) ? entryOf(db)!.pool : null;
}

/** A client made by createDb, not a transaction client of one. */
export const isRootClient = (db: Tx): boolean => entryOf(db)?.client === db;
const entryOf = (db: Tx) => (db as unknown as Record<symbol, { pool: pg.Pool | null; client: unknown } | undefined>)[POOL];

const globalForDb = globalThis as unknown as { switchboardDb?: Db };

/** Whether this is the process-wide client (without making one). */
export const isProcessDb = (db: unknown): boolean => db !== undefined && globalForDb.switchboardDb === db;

/** The process-wide client (kept on globalThis so Next's dev reloads don't open new pools). */
export function getDb(): Db {
  globalForDb.switchboardDb ??= createDb();
  return globalForDb.switchboardDb;
}

/** Long bulk work (10,000 extensions) needs more than Prisma's 5 s interactive-transaction default. */
export const LONG_TRANSACTION = { maxWait: 10_000, timeout: 300_000 } as const;
