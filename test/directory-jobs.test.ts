/** Background syncs on pg-boss against the test database and a real slapd. */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { saveDirectorySettings } from '../lib/domain/directory/settings.ts';
import { ldapGateway } from '../lib/directory/gateway.ts';
import { requestDirectorySync, scheduleDue, startJobs, SYNC_QUEUE, workSyncQueue, type Jobs } from '../lib/jobs/directory-jobs.ts';
import { makeDirectory } from './support/directory-fixture.ts';
import { makeTenant, platform, sql, useDb } from './support/fixtures.ts';
import { startSlapd, type Slapd } from './support/slapd.ts';

process.env.DIRECTORY_SECRET_KEY ??= randomBytes(32).toString('base64');
const { db, url } = useDb();
const ctx = { actor: platform, db };
const dir = makeDirectory({ users: 12 });
let ldap: Slapd;
let jobs: Jobs;

beforeAll(async () => {
  ldap = await startSlapd({ entries: dir.entries });
  jobs = await startJobs(db, url, { pollSeconds: 0.5, schedule: false });
});
afterAll(async () => {
  await jobs?.stop();
  await ldap?.stop();
});

const settings = (scheduleMinutes: number | null = null) => ({
  url: ldap.url, startTls: true, caCert: ldap.caCertPem, bindDn: ldap.bindDN, bindPassword: ldap.bindPassword, baseDn: dir.peopleDN,
  userFilter: '(objectClass=inetOrgPerson)', numberAttribute: 'telephoneNumber', numberRule: 'last_digits' as const, numberDigits: 4,
  nameAttribute: 'displayName', emailAttribute: 'mail', loginAttribute: 'uid', idAttribute: 'entryUUID', disabledMode: 'none' as const, scheduleMinutes,
});

async function settled(runId: string) {
  for (let i = 0; i < 100; i++) {
    const [run] = await sql<{ status: string; summary: { created: number } | null }>(url, 'SELECT status, summary FROM sb_directory_runs WHERE id = $1', [runId]);
    if (run.status !== 'queued' && run.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the run did not finish');
}

it('a queued sync runs in the background and records its report; a second request waits its turn or is refused', async () => {
  const tenant = await makeTenant(db);
  await saveDirectorySettings(ctx, tenant.id, settings());
  // No worker for a moment, so the first request is surely still waiting when the second comes.
  await jobs.boss.offWork(SYNC_QUEUE);
  const run = await requestDirectorySync(ctx, jobs.boss, tenant.id, { mode: 'sync', trigger: 'portal' });
  expect(run.status).toBe('queued');
  await expect(requestDirectorySync(ctx, jobs.boss, tenant.id, { mode: 'sync', trigger: 'portal' })).rejects.toThrow(/already waiting/);
  await workSyncQueue(jobs.boss, db, ldapGateway, 0.5);
  const done = await settled(run.id);
  expect(done.status).toBe('succeeded');
  expect(done.summary!.created).toBe(dir.users.filter((u) => u.extension).length);
  expect((await sql(url, 'SELECT 1 FROM sb_extensions WHERE tenant_id = $1 AND ad_synced', [tenant.id])).length).toBe(done.summary!.created);
});

it('the schedule queues what is due once, and never piles up runs', async () => {
  const tenant = await makeTenant(db);
  await saveDirectorySettings(ctx, tenant.id, settings(15));
  const first = await scheduleDue(db, jobs.boss);
  expect(first).toBeGreaterThanOrEqual(1);
  expect(await scheduleDue(db, jobs.boss)).toBe(0);
  const [run] = await sql<{ id: string }>(url, `SELECT id FROM sb_directory_runs WHERE tenant_id = $1 AND trigger = 'schedule'`, [tenant.id]);
  expect((await settled(run.id)).status).toBe('succeeded');
  // A run whose process died is closed, not left "running" forever.
  const [stale] = await sql<{ id: string }>(url, `INSERT INTO sb_directory_runs (tenant_id, mode, trigger, status, requested_by, created_at)
    VALUES ($1, 'sync', 'portal', 'running', 'someone', now() - interval '2 hours') RETURNING id`, [tenant.id]);
  await scheduleDue(db, jobs.boss);
  expect(await sql(url, 'SELECT status FROM sb_directory_runs WHERE id = $1', [stale.id])).toEqual([{ status: 'failed' }]);
  // Fifteen minutes later it is due again.
  expect(await scheduleDue(db, jobs.boss, new Date(Date.now() + 16 * 60_000))).toBeGreaterThanOrEqual(1);
});
