import 'server-only';
import { getDb } from '../db/client.ts';
import { log } from '../log.ts';
import { startJobs, type Jobs } from '../jobs/directory-jobs.ts';

const holder = globalThis as unknown as { switchboardJobs?: Promise<Jobs> };

/**
 * The portal process's job queue and workers (directory syncs, schedules), started once. Every
 * copy of the portal works the same queue; with JOBS=off a copy runs no schedule of its own.
 */
export function portalJobs(): Promise<Jobs> {
  holder.switchboardJobs ??= startJobs(getDb(), process.env.DATABASE_URL!, { schedule: process.env.JOBS !== 'off' }).catch((err) => {
    holder.switchboardJobs = undefined;
    log.error('could not start the job queue', { err: (err as Error).message });
    throw err;
  });
  return holder.switchboardJobs;
}
