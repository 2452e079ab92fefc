/**
 * Call history retention: call records older than CALL_RETENTION_DAYS (365 by default) go, ours
 * (sb_calls) and Asterisk's own cdr rows alike. In small batches, each its own short transaction:
 * Asterisk keeps inserting new rows meanwhile and never waits on a long delete.
 */
import type { Db } from '../../db/client.ts';

export const DEFAULT_CALL_RETENTION_DAYS = 365;
const BATCH = 5_000;

export function callRetentionDays(): number {
  const n = Number(process.env.CALL_RETENTION_DAYS);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_CALL_RETENTION_DAYS;
}

export type PruneResult = { calls: number; cdrRows: number; before: Date };

export async function pruneCalls(db: Db, options: { days?: number; now?: Date; batch?: number } = {}): Promise<PruneResult> {
  const before = new Date((options.now ?? new Date()).getTime() - (options.days ?? callRetentionDays()) * 86_400_000);
  const batch = options.batch ?? BATCH;
  // cdr.start is naive in cdr_pgsql's zone; UTC as Switchboard ships it (CDR_TIMEZONE otherwise).
  const naive = before.toISOString().slice(0, 19).replace('T', ' ');
  let calls = 0;
  let cdrRows = 0;
  for (;;) {
    const n = await db.$executeRaw`DELETE FROM sb_calls WHERE id = ANY (ARRAY(SELECT id FROM sb_calls WHERE started_at < ${before} LIMIT ${batch}))`;
    calls += n;
    if (n < batch) break;
  }
  // cdr has no key: rows are found by their physical address, a batch at a time.
  for (;;) {
    const n = await db.$executeRaw`DELETE FROM cdr WHERE ctid = ANY (ARRAY(SELECT ctid FROM cdr WHERE start < ${naive}::timestamp LIMIT ${batch}))`;
    cdrRows += n;
    if (n < batch) break;
  }
  return { calls, cdrRows, before };
}
