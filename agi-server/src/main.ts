/**
 * Switchboard's FastAGI server. Configuration comes from the environment:
 *   DATABASE_URL, AGI_HOST (127.0.0.1), AGI_PORT (4573), AGI_MAX_SESSIONS (2000),
 *   AGI_ALLOWED_HOSTS (who may connect: IPs, CIDRs, host names; 127.0.0.0/8,::1),
 *   AGI_MAX_SESSIONS_PER_HOST (half of AGI_MAX_SESSIONS),
 *   AGI_FALLBACK_COUNTRY + AGI_FALLBACK_TRUNK (emergency calls while the view is cold),
 *   AGI_SHUTDOWN_GRACE_MS (5000), LOG_DECISIONS (1; 0 logs only warnings and errors),
 *   ASTERISK_CONFIG_DIR (write tenant dialplans there), AMI_HOST/AMI_PORT/AMI_USERNAME/AMI_SECRET
 *   (a manager session only while there is work: logged off after AMI_IDLE_CLOSE_MS, 2000, idle),
 *   SORCERY_CACHE=1 (Asterisk caches PJSIP objects: expire changed ones over AMI).
 */
import { amiOptionsFromEnv } from '../../lib/asterisk/ami-config.ts';
import { AmiOnDemand } from '../../lib/asterisk/ami-on-demand.ts';
import { DialplanSync } from '../../lib/asterisk/dialplan-sync.ts';
import { expireCachedEndpoints } from '../../lib/asterisk/sorcery-cache.ts';
import { createDb, databaseUrl } from '../../lib/db/client.ts';
import { LiveRoutingView } from '../../lib/routing/live-view.ts';
import { AllowList } from './access.ts';
import { refuseRequest, routingHandler } from './handlers.ts';
import { AgiServer, type Log } from './server.ts';
import { checkSchema } from './schema-check.ts';

const logDecisions = process.env.LOG_DECISIONS !== '0';
const log: Log = (level, msg, fields = {}) => {
  if (level === 'info' && msg === 'decision' && !logDecisions) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
};

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number above 0, not ${JSON.stringify(raw)}`);
  return n;
}

async function main() {
  // Configuration errors stop the server before it touches anything.
  const allowList = AllowList.fromSpec(process.env.AGI_ALLOWED_HOSTS);
  const maxSessions = positiveInt('AGI_MAX_SESSIONS', 2_000);
  // One Asterisk opens all its calls from one address, and one call holds a session for about a
  // millisecond: half the slots is hundreds of times what it needs even at thousands of calls a
  // second, and a second Asterisk (or a local process gone wrong) can never take them all.
  const maxSessionsPerHost = positiveInt('AGI_MAX_SESSIONS_PER_HOST', Math.ceil(maxSessions / 2));
  const unresolved = await allowList.resolve();
  const warnUnresolved = (names: string[]) => log('warn', 'AGI_ALLOWED_HOSTS: cannot resolve host names yet; retrying', { names });
  if (unresolved.length) warnUnresolved(unresolved);
  allowList.keepResolved(warnUnresolved);
  const url = databaseUrl();
  await checkSchema(url, log);
  const db = createDb(url, { max: 4 });
  const live = new LiveRoutingView(db, url, (msg, fields) => log('info', msg, fields));
  const amiOptions = amiOptionsFromEnv();
  // No standing manager session: one costs Asterisk CPU on every call (see AmiOnDemand).
  const ami = amiOptions ? new AmiOnDemand(amiOptions, positiveInt('AMI_IDLE_CLOSE_MS', 2_000)) : null;
  const configDir = process.env.ASTERISK_CONFIG_DIR;
  const sync = configDir ? new DialplanSync(db, configDir, ami, log) : null;
  if (sync) live.onTenantsChanged((changed) => void sync.changed(changed));
  else log('warn', 'ASTERISK_CONFIG_DIR not set: tenant dialplans are not written');
  if (sync && !ami) log('warn', 'AMI_* not set: Asterisk is not asked to reload its dialplan');
  if (process.env.SORCERY_CACHE === '1' && ami)
    live.onEndpointsChanged((ids) => void ami.use((session) => expireCachedEndpoints(session, ids, log)).catch((err: Error) => log('warn', 'cached PJSIP objects not expired; they expire on their own lifetime', { err: err.message })));
  await live.start();
  const cold =
    process.env.AGI_FALLBACK_COUNTRY && process.env.AGI_FALLBACK_TRUNK
      ? { country: process.env.AGI_FALLBACK_COUNTRY, trunk: process.env.AGI_FALLBACK_TRUNK }
      : null;
  const server = new AgiServer({
    handler: routingHandler(() => live.view, log, cold),
    refuse: refuseRequest,
    maxSessions,
    maxSessionsPerHost,
    allowList,
    log,
  });
  const addr = await server.listen(Number(process.env.AGI_PORT ?? 4573), process.env.AGI_HOST ?? '127.0.0.1');
  log('info', 'FastAGI server listening', { host: addr.address, port: addr.port, allowed: allowList.describe(), maxSessions, maxSessionsPerHost, view: live.status() });
  if (!process.env.AGI_ALLOWED_HOSTS && !/^(127\.|::1$|localhost$)/.test(addr.address))
    log('warn', `listening on ${addr.address} but only loopback may connect: set AGI_ALLOWED_HOSTS to Asterisk's address`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', 'shutting down: draining live sessions', { signal, sessions: server.sessions.size });
    await server.close(Number(process.env.AGI_SHUTDOWN_GRACE_MS ?? 5_000));
    allowList.stop();
    await live.stop();
    sync?.stop();
    await ami?.close();
    await db.$disconnect();
    log('info', 'stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  log('error', 'FastAGI server failed to start', { err: err instanceof Error ? err.message : String(err) });
  process.exit(1);
});
