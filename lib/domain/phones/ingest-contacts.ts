/**
 * Registration history from what Asterisk writes to ps_contacts (copied to sb_contact_inbox by a
 * trigger, changes only): each change becomes an event of the extension it belongs to, and each
 * phone seen becomes (or refreshes) one of its devices. Batches are taken with SKIP LOCKED and
 * deleted in the transaction that records them, as for call records.
 */
import type { Db, Tx } from '../../db/client.ts';
import { inboxHasRows } from '../calls/ingest.ts';
import { deviceInfo } from './user-agent.ts';

export type ContactChange = 'registered' | 'moved' | 'expired' | 'removed';
type ContactRow = { id?: string; uri?: string | null; endpoint?: string | null; via_addr?: string | null; via_port?: number | null; user_agent?: string | null; expiration_time?: number | string | null };

/** A contact change, wherever it was learnt (ps_contacts, or AMI ContactStatus events). */
export type ContactEvent = {
  endpointOrAor: string;
  change: ContactChange;
  uri: string | null;
  address: string | null;
  port: number | null;
  userAgent: string | null;
  at: Date;
};

/** `1001@acme.example.com^3B@05b1...` (Asterisk escapes `;` as `^3B`) -> its aor, `1001@acme.example.com`. */
export const aorOfContactId = (id: string) => id.split(/\^3B@|;@/)[0];

export function eventOfInbox(op: string, oldRow: ContactRow | null, newRow: ContactRow | null, at: Date): ContactEvent | null {
  const row = newRow ?? oldRow;
  if (!row) return null;
  const endpointOrAor = row.endpoint || (row.id ? aorOfContactId(row.id) : null);
  if (!endpointOrAor) return null;
  let change: ContactChange;
  if (op === 'I') change = 'registered';
  else if (op === 'U') change = 'moved';
  else {
    // Gone at or after its expiry: it expired; before it: someone (or something) removed it.
    const expires = Number(oldRow?.expiration_time ?? 0);
    change = expires && expires * 1000 <= at.getTime() + 5_000 ? 'expired' : 'removed';
  }
  return { endpointOrAor, change, uri: row.uri ?? null, address: row.via_addr ?? null, port: row.via_port ?? null, userAgent: row.user_agent ?? null, at };
}

export async function ingestContacts(db: Db, options: { batch?: number; maxRows?: number } = {}): Promise<number> {
  const batch = options.batch ?? 1_000;
  let total = 0;
  if (!(await inboxHasRows(db, 'sb_contact_inbox'))) return total;
  for (;;) {
    const n = await db.$transaction(async (tx) => {
      const taken = await tx.$queryRaw<{ id: bigint; op: string; old_row: ContactRow | null; new_row: ContactRow | null; received_at: Date }[]>`
        DELETE FROM sb_contact_inbox WHERE id IN (SELECT id FROM sb_contact_inbox ORDER BY id LIMIT ${batch} FOR UPDATE SKIP LOCKED)
        RETURNING id, op, old_row, new_row, received_at`;
      const events = taken
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((t) => eventOfInbox(t.op, t.old_row, t.new_row, t.received_at))
        .filter((e): e is ContactEvent => e !== null);
      await recordContactEvents(tx, events);
      return taken.length;
    });
    total += n;
    if (n < batch || (options.maxRows !== undefined && total >= options.maxRows)) return total;
  }
}

/** Stores events and the devices they reveal; contacts of no extension of ours are left out. */
export async function recordContactEvents(tx: Tx, events: ContactEvent[]): Promise<void> {
  if (!events.length) return;
  const ids = [...new Set(events.map((e) => e.endpointOrAor))];
  const extensions = await tx.extension.findMany({
    where: { OR: [{ endpointId: { in: ids } }, { aorId: { in: ids } }] },
    select: { id: true, tenantId: true, endpointId: true, aorId: true },
  });
  const byId = new Map<string, (typeof extensions)[number]>();
  for (const x of extensions) byId.set(x.aorId, x).set(x.endpointId, x);
  for (const e of events) {
    const ext = byId.get(e.endpointOrAor);
    if (!ext) continue;
    const info = deviceInfo(e.userAgent, e.uri);
    await tx.registrationEvent.create({
      data: { tenantId: ext.tenantId, extensionId: ext.id, endpointId: ext.endpointId, change: e.change, contactUri: e.uri?.slice(0, 511), address: e.address, port: e.port, userAgent: e.userAgent?.slice(0, 255), mac: info.mac, at: e.at },
    });
    if (e.change !== 'registered' && e.change !== 'moved') continue;
    const deviceKey = (info.mac ?? e.userAgent ?? 'unknown').slice(0, 300);
    const fields = { userAgent: e.userAgent?.slice(0, 255), vendor: info.vendor, model: info.model, firmware: info.firmware, mac: info.mac, lastAddress: e.address, lastSeen: e.at };
    await tx.device.upsert({
      where: { extensionId_deviceKey: { extensionId: ext.id, deviceKey } },
      create: { tenantId: ext.tenantId, extensionId: ext.id, deviceKey, firstSeen: e.at, ...fields },
      update: fields,
    });
  }
}

/**
 * Registered phones per tenant now (extensions with an unexpired contact), one sample per tenant,
 * for the chart over time. Every tenant gets a sample, zero included.
 */
export async function sampleRegistrations(db: Db, now = new Date()): Promise<number> {
  return db.$executeRaw`
    INSERT INTO sb_registration_samples (tenant_id, at, registered)
    SELECT t.id, ${now}, count(DISTINCT e.id)::int
      FROM sb_tenants t
      LEFT JOIN sb_extensions e ON e.tenant_id = t.id
       AND EXISTS (SELECT 1 FROM ps_contacts c
                    WHERE (c.endpoint = e.endpoint_id OR split_part(replace(c.id, '^3B@', ';@'), ';@', 1) = e.aor_id)
                      AND c.expiration_time > ${Math.floor(now.getTime() / 1000)})
     GROUP BY t.id
    ON CONFLICT (tenant_id, at) DO NOTHING`;
}

/** Events and samples older than REGISTRATION_RETENTION_DAYS (90) go; devices stay while their extension does. */
export async function pruneRegistrations(db: Db, options: { days?: number; now?: Date } = {}): Promise<{ events: number; samples: number }> {
  const n = Number(process.env.REGISTRATION_RETENTION_DAYS);
  const days = options.days ?? (Number.isInteger(n) && n > 0 ? n : 90);
  const before = new Date((options.now ?? new Date()).getTime() - days * 86_400_000);
  let events = 0;
  for (;;) {
    const k = await db.$executeRaw`DELETE FROM sb_registration_events WHERE id = ANY (ARRAY(SELECT id FROM sb_registration_events WHERE at < ${before} LIMIT 5000))`;
    events += k;
    if (k < 5_000) break;
  }
  const samples = await db.$executeRaw`DELETE FROM sb_registration_samples WHERE at < ${before}`;
  return { events, samples };
}
