/**
 * Background directory syncs on pg-boss (jobs kept in PostgreSQL, beside everything else): runs
 * started in the portal or the CLI, and each tenant's schedule. The queue holds at most one waiting
 * and one running sync per tenant, so a slow directory never makes runs pile up.
 */
import PgBoss from 'pg-boss';
import type { Db } from '../db/client.ts';
import { ldapGateway } from '../directory/gateway.ts';
import type { Actor } from '../domain/actor.ts';
import type { Ctx } from '../domain/context.ts';
import type { DirectoryGateway } from '../domain/directory/gateway.ts';
import { queueDirectoryRun } from '../domain/directory/queue-run.ts';
import { syncDirectory, type SyncMode, type SyncTrigger } from '../domain/directory/sync.ts';
import { conflict } from '../errors.ts';
import { log } from '../log.ts';
import { startCallJobs } from './call-jobs.ts';
import { startPhoneJobs } from './phone-jobs.ts';

export const SYNC_QUEUE = 'directory-sync';
export const SCHEDULE_QUEUE = 'directory-schedule';

type SyncJob = { runId: string; tenantId: string; mode: SyncMode; trigger: SyncTrigger; confirmed: boolean; requestedBy: string };

export type Jobs = { boss: PgBoss; stop: () => Promise<void> };

export async function startJobs(db: Db, connectionString: string, options: { gateway?: DirectoryGateway; pollSeconds?: number; schedule?: boolean } = {}): Promise<Jobs> {
  const boss = new PgBoss({ connectionString, max: 3, application_name: 'switchboard-jobs' });
  boss.on('error', (err) => log.warn('job queue error', { err: (err as Error).message }));
  await boss.start();
  await boss.createQueue(SYNC_QUEUE, { name: SYNC_QUEUE, policy: 'stately', retryLimit: 0, expireInMinutes: 60 });
  await boss.createQueue(SCHEDULE_QUEUE, { name: SCHEDULE_QUEUE, policy: 'singleton', retryLimit: 0 });
  const pollingIntervalSeconds = options.pollSeconds ?? 2;
  await workSyncQueue(boss, db, options.gateway ?? ldapGateway, pollingIntervalSeconds);
  if (options.schedule !== false) {
    await boss.schedule(SCHEDULE_QUEUE, '* * * * *');
    await boss.work(SCHEDULE_QUEUE, { pollingIntervalSeconds }, async () => scheduleDue(db, boss));
    await startCallJobs(boss, db, pollingIntervalSeconds);
    await startPhoneJobs(boss, db, pollingIntervalSeconds);
  }
  return { boss, stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }) };
}

export const workSyncQueue = (boss: PgBoss, db: Db, gateway: DirectoryGateway, pollingIntervalSeconds = 2) =>
  boss.work<SyncJob>(SYNC_QUEUE, { pollingIntervalSeconds }, async ([job]) => runJob(db, job.data, gateway));

/** Queues a run for a worker; refused while one of this tenant's runs is waiting. */
export async function requestDirectorySync(ctx: Ctx, boss: PgBoss, tenantRef: string, request: { mode: SyncMode; trigger: SyncTrigger; confirmed?: boolean }) {
  const run = await queueDirectoryRun(ctx, tenantRef, request);
  const data: SyncJob = { runId: run.id, tenantId: run.tenantId, mode: request.mode, trigger: request.trigger, confirmed: !!request.confirmed, requestedBy: ctx.actor.label };
  const jobId = await boss.send(SYNC_QUEUE, data, { singletonKey: run.tenantId });
  if (!jobId) {
    await ctx.db!.directoryRun.update({ where: { id: run.id }, data: { status: 'failed', finishedAt: new Date(), error: 'Another run of this directory was already waiting' } });
    throw conflict('A sync of this directory is already waiting to run; it will show here when it starts');
  }
  return run;
}

async function runJob(db: Db, job: SyncJob, gateway: DirectoryGateway) {
  // The worker acts for whoever asked, within that tenant only.
  const actor: Actor = { type: 'directory', id: null, label: job.requestedBy, role: 'tenant_admin', tenantId: job.tenantId };
  try {
    const outcome = await syncDirectory({ actor, db }, job.tenantId, { mode: job.mode, trigger: job.trigger, confirmed: job.confirmed, gateway, runId: job.runId });
    log.info('directory run finished', { tenantId: job.tenantId, runId: job.runId, status: outcome.status, summary: outcome.summary, error: outcome.error });
  } catch (err) {
    log.warn('directory run failed', { tenantId: job.tenantId, runId: job.runId, err: (err as Error).message });
  }
}

/** Every minute: close runs whose process died, and queue a sync for each tenant whose schedule is due. */
export async function scheduleDue(db: Db, boss: PgBoss, now = new Date()): Promise<number> {
  // A run outlives its job's expiry only when the process running it died (its transaction, and
  // the tenant's lock, went with it): say so rather than show it running forever.
  await db.$executeRaw`UPDATE sb_directory_runs SET status = 'failed', finished_at = ${now},
      error = 'Interrupted: the process running it stopped; nothing of it was applied'
    WHERE status IN ('queued', 'running') AND created_at < ${now}::timestamptz - interval '65 minutes'`;
  const due = await db.$queryRaw<{ tenant_id: string }[]>`
    SELECT d.tenant_id FROM sb_directories d
     WHERE d.schedule_minutes IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM sb_directory_runs r WHERE r.tenant_id = d.tenant_id AND r.trigger = 'schedule'
                        AND r.created_at > ${now}::timestamptz - make_interval(mins => d.schedule_minutes))`;
  let queued = 0;
  for (const { tenant_id } of due) {
    const actor: Actor = { type: 'system', id: null, label: 'schedule', role: 'tenant_admin', tenantId: tenant_id };
    try {
      await requestDirectorySync({ actor, db }, boss, tenant_id, { mode: 'sync', trigger: 'schedule' });
      queued++;
    } catch {
      // One already waiting: the schedule never piles runs up.
    }
  }
  return queued;
}
