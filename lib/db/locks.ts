import { Prisma } from '../generated/prisma/client.ts';
import { engineOfDb, type Db, type Tx } from './client.ts';

/**
 * Transaction-scoped named locks (one directory sync per tenant at a time): taken inside a
 * transaction, answered false at once when another transaction holds the name, released when the
 * transaction ends, committed or rolled back. PostgreSQL: an advisory transaction lock.
 * MariaDB/MySQL: the row of that name in sb_locks, locked FOR UPDATE NOWAIT (GET_LOCK belongs to
 * the session and would outlive the transaction on its pooled connection).
 *
 * Call prepareLock before the transaction: on MySQL it makes the row once, outside any
 * transaction, so that no transaction waits on another's insert and none needs a second
 * connection while it holds one.
 */
export async function prepareLock(db: Db, name: string): Promise<void> {
  if (engineOfDb(db) !== 'mariadb') return;
  // A plain read never waits; INSERT IGNORE of a row another transaction has locked would.
  const known = await db.$queryRaw<unknown[]>`SELECT 1 FROM sb_locks WHERE name = ${name}`;
  if (!known.length) await db.$executeRaw`INSERT IGNORE INTO sb_locks (name) VALUES (${name})`;
}

export async function tryTransactionLock(tx: Tx, name: string): Promise<boolean> {
  if (engineOfDb(tx) !== 'mariadb') {
    const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtextextended(${name}, 0)) AS locked`;
    return locked;
  }
  try {
    const rows = await tx.$queryRaw<unknown[]>(Prisma.sql`SELECT name FROM sb_locks WHERE name = ${name} FOR UPDATE NOWAIT`);
    if (!rows.length) throw new Error(`lock ${name} was not prepared (prepareLock) before its transaction`);
    return true;
  } catch (err) {
    if (isLockBusy(err)) return false;
    throw err;
  }
}

/** MariaDB answers NOWAIT on a held row with 1205 (lock wait timeout), MySQL with 3572. */
function isLockBusy(err: unknown): boolean {
  const code = (err as { meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } })?.meta?.driverAdapterError?.cause?.originalCode;
  return code === '1205' || code === '3572';
}
