/**
 * Call history in the background: every minute, what Asterisk wrote since is classified
 * (lib/domain/calls/ingest.ts). Pages and the API also catch up before they read, so this only
 * keeps the inbox short when nobody looks.
 */
import type PgBoss from 'pg-boss';
import type { Db } from '../db/client.ts';
import { ingestCalls } from '../domain/calls/ingest.ts';
import { log } from '../log.ts';

export const CALL_INGEST_QUEUE = 'calls-ingest';

export async function startCallJobs(boss: PgBoss, db: Db, pollingIntervalSeconds: number): Promise<void> {
  await boss.createQueue(CALL_INGEST_QUEUE, { name: CALL_INGEST_QUEUE, policy: 'singleton', retryLimit: 0 });
  await boss.schedule(CALL_INGEST_QUEUE, '* * * * *');
  await boss.work(CALL_INGEST_QUEUE, { pollingIntervalSeconds }, async () => {
    const done = await ingestCalls(db);
    if (done.rows) log.info('call records classified', done);
  });
}
