import type { Tx } from '../../db/client.ts';

export type Registration = {
  uri: string | null;
  userAgent: string | null;
  viaAddr: string | null;
  viaPort: number | null;
  expiresAt: Date | null;
};

/**
 * Current registrations of some endpoints, read from the ps_contacts rows Asterisk writes (when
 * contacts are mapped to realtime). Expired rows are ignored: Asterisk prunes them lazily.
 */
export async function registrationsFor(db: Tx, endpointIds: string[], now = new Date()): Promise<Map<string, Registration[]>> {
  const out = new Map<string, Registration[]>();
  if (!endpointIds.length) return out;
  const rows = await db.psContact.findMany({
    where: { endpoint: { in: endpointIds }, expiration_time: { gt: BigInt(Math.floor(now.getTime() / 1000)) } },
    select: { endpoint: true, uri: true, user_agent: true, via_addr: true, via_port: true, expiration_time: true },
  });
  for (const r of rows) {
    const list = out.get(r.endpoint!) ?? [];
    list.push({
      uri: r.uri,
      userAgent: r.user_agent,
      viaAddr: r.via_addr,
      viaPort: r.via_port,
      expiresAt: r.expiration_time ? new Date(Number(r.expiration_time) * 1000) : null,
    });
    out.set(r.endpoint!, list);
  }
  return out;
}
