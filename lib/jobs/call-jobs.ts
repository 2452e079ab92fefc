/**
 * Call history in the background: every minute, what Asterisk wrote since is classified
 * (lib/domain/calls/ingest.ts); pages and the API also catch up before they read, so this only
 * keeps the inbox short when nobody looks. Once a day, records past retention go.
 */
import type PgBoss from 'pg-boss';
import type { Db } from '../db/client.ts';
import { ingestCalls } from '../domain/calls/ingest.ts';
import { pruneCalls } from '../domain/calls/prune.ts';
import { log } from '../log.ts';

export const CALL_INGEST_QUEUE = 'calls-ingest';
export const CALL_PRUNE_QUEUE = 'calls-prune';

export async function startCallJobs(boss: PgBoss, db: Db, pollingIntervalSeconds: number): Promise<void> {
  await boss.createQueue(CALL_INGEST_QUEUE, { name: CALL_INGEST_QUEUE, policy: 'singleton', retryLimit: 0 });
  await boss.schedule(CALL_INGEST_QUEUE, '* * * * *');
  await boss.work(CALL_INGEST_QUEUE, { pollingIntervalSeconds }, async () => {
    const done = await ingestCalls(db);
    if (done.rows) log.info('call records classified', done);
  });
  // Retention once a day, at a quiet hour (UTC).
  await boss.createQueue(CALL_PRUNE_QUEUE, { name: CALL_PRUNE_QUEUE, policy: 'singleton', retryLimit: 0 });
  await boss.schedule(CALL_PRUNE_QUEUE, '17 3 * * *');
  await boss.work(CALL_PRUNE_QUEUE, { pollingIntervalSeconds }, async () => {
    const done = await pruneCalls(db);
    log.info('call history pruned', { calls: done.calls, cdrRows: done.cdrRows, before: done.before.toISOString() });
  });
}
