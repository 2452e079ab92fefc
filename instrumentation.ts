/**
 * Runs once when the portal's server starts, before it serves a request: stamps each request with
 * its socket's peer address (sign-in throttling must not trust X-Forwarded-For), and says clearly
 * whether the Asterisk schema is known.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  (await import('./lib/next/peer-stamp')).installPeerStamp();
  if (!process.env.DATABASE_URL) return;
  // Tokens and tenant references remembered between API requests, forgotten on NOTIFY.
  (await import('./lib/db/changes')).enableProcessCaches();
  // Directory syncs run in the background of the portal's process (pg-boss, in the database).
  if (process.env.JOBS !== 'off') (await import('./lib/next/jobs')).portalJobs().catch(() => {});
  const [{ default: pg }, { describeAsteriskSchema, inspectAsteriskSchema }, { log }] = await Promise.all([
    import('pg'),
    import('./lib/db/asterisk-schema'),
    import('./lib/log'),
  ]);
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  try {
    await client.connect();
    const report = await inspectAsteriskSchema(client);
    const ok = report.known && report.missing.length === 0;
    for (const line of describeAsteriskSchema(report)) (ok ? log.info : log.warn)(line, { revision: report.revision });
  } catch (err) {
    log.warn('could not check the Asterisk schema', { err: (err as Error).message });
  } finally {
    await client.end().catch(() => {});
  }
}
