import { PrismaPg } from '@prisma/adapter-pg';
import type { ITXClientDenyList } from '@prisma/client/runtime/client';
import pg from 'pg';
import { log } from '../log.ts';
import { assertPostgres } from './engine.ts';
import { PrismaClient } from '../generated/prisma/client.ts';

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

export function createDb(url: string = databaseUrl(), options: { max?: number } = {}): Db {
  assertPostgres(url);
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? poolMax() });
  // An idle connection the server drops (a restart, a terminated backend) is an 'error' event:
  // without a listener it would end the process before Prisma ever attached its own.
  pool.on('error', (err) => log.warn('an idle database connection failed', { err: err.message }));
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const db = new PrismaClient({ adapter, omit }) as Db;
  Object.defineProperty(db, POOL, { value: { pool, client: db } });
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
  const entry = (db as unknown as Record<symbol, { pool: pg.Pool; client: unknown } | undefined>)[POOL];
  return entry && entry.client === db ? entry.pool : null;
}

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
