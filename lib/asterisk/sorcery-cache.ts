import type { AmiClient } from './ami.ts';

/**
 * With a sorcery memory_cache in front of realtime (sorcery.conf), Asterisk keeps serving an old
 * endpoint, auth or aor (an old secret keeps working) until the object expires. When the operator
 * says so (SORCERY_CACHE=1) Switchboard expires the changed objects at once over AMI.
 */
export const CACHES = ['res_pjsip/endpoint', 'res_pjsip/auth', 'res_pjsip/aor'] as const;

type Log = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

export async function expireCachedEndpoints(ami: AmiClient, endpointIds: string[], log: Log): Promise<void> {
  let failed = 0;
  for (const id of endpointIds)
    for (const cache of CACHES)
      await ami.expireCachedObject(cache, id).catch((err: Error) => {
        // "not in the cache" is the common, harmless answer; only count what else goes wrong
        if (!/not found|could not|no such/i.test(err.message)) failed++;
      });
  if (failed) log('warn', 'some cached PJSIP objects could not be expired; they expire on their own lifetime', { failed });
}
