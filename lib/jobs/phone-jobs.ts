/**
 * Registration history in the background: contact changes become history every minute, the
 * registered count of each tenant is sampled every five minutes, and old history goes daily.
 */
import type PgBoss from 'pg-boss';
import type { Db } from '../db/client.ts';
import { ingestContacts, pruneRegistrations, sampleRegistrations } from '../domain/phones/ingest-contacts.ts';
import { log } from '../log.ts';

const JOBS = [
  { name: 'registrations-ingest', cron: '* * * * *', run: async (db: Db) => ingestContacts(db) },
  { name: 'registrations-sample', cron: '*/5 * * * *', run: async (db: Db) => sampleRegistrations(db) },
  { name: 'registrations-prune', cron: '41 3 * * *', run: async (db: Db) => log.info('registration history pruned', await pruneRegistrations(db)) },
];

export async function startPhoneJobs(boss: PgBoss, db: Db, pollingIntervalSeconds: number): Promise<void> {
  for (const job of JOBS) {
    await boss.createQueue(job.name, { name: job.name, policy: 'singleton', retryLimit: 0 });
    await boss.schedule(job.name, job.cron);
    await boss.work(job.name, { pollingIntervalSeconds }, async () => {
      await job.run(db);
    });
  }
}
