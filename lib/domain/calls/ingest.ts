/**
 * Moves what Asterisk wrote (sb_cdr_inbox, filled by a trigger on cdr) into sb_calls, classified.
 * Batches are taken with SKIP LOCKED and deleted in the transaction that stores their calls, so
 * several portal processes can drain at once, a crash loses nothing, and no row is counted twice.
 */
import { bulkUpsert } from '../../db/bulk-insert.ts';
import type { Db, Tx } from '../../db/client.ts';
import { cdrRowFrom, endpointOfChannel, type CdrRow } from './cdr-row.ts';
import { classifyCdr, mergeCalls, type CallLookup, type CallTenant, type ClassifiedCall } from './classify.ts';

export type IngestResult = { rows: number; calls: number; skipped: number };

/** CDR_TIMEZONE: the zone of the cdr table's times (cdr_pgsql's `timezone=`; ours ship UTC). */
export const cdrTimezone = () => process.env.CDR_TIMEZONE?.trim() || 'UTC';

export async function ingestCalls(db: Db, options: { batch?: number; maxRows?: number; zone?: string } = {}): Promise<IngestResult> {
  const batch = options.batch ?? 1_000;
  const total: IngestResult = { rows: 0, calls: 0, skipped: 0 };
  // Pages catch up before they read: with nothing waiting, that must cost one cheap query, not a transaction.
  if (!(await inboxHasRows(db, 'sb_cdr_inbox'))) return total;
  for (;;) {
    const done = await db.$transaction((tx) => ingestBatch(tx, batch, options.zone ?? cdrTimezone()));
    total.rows += done.rows;
    total.calls += done.calls;
    total.skipped += done.skipped;
    if (done.rows < batch || (options.maxRows !== undefined && total.rows >= options.maxRows)) return total;
  }
}

async function ingestBatch(tx: Tx, batch: number, zone: string): Promise<IngestResult> {
  const taken = await tx.$queryRaw<{ id: bigint; cdr: Record<string, unknown> }[]>`
    DELETE FROM sb_cdr_inbox WHERE id IN (SELECT id FROM sb_cdr_inbox ORDER BY id LIMIT ${batch} FOR UPDATE SKIP LOCKED)
    RETURNING id, cdr`;
  if (!taken.length) return { rows: 0, calls: 0, skipped: 0 };
  const rows = taken.sort((a, b) => (a.id < b.id ? -1 : 1)).map((t) => cdrRowFrom(t.cdr));
  const lookup = await lookupFor(tx, rows);

  const byKey = new Map<string, ClassifiedCall>();
  let skipped = 0;
  for (const row of rows) {
    const call = classifyCdr(row, lookup, zone);
    if (!call) {
      skipped++;
      continue;
    }
    const key = callKey(call);
    const seen = byKey.get(key);
    byKey.set(key, seen ? mergeCalls(seen, call) : call);
  }
  // A leg of a call stored by an earlier batch joins it.
  const keys = [...byKey.keys()];
  if (keys.length) {
    const stored = await tx.call.findMany({ where: { callKey: { in: keys } } });
    for (const s of stored) byKey.set(s.callKey, mergeCalls(s, byKey.get(s.callKey)!));
  }
  await bulkUpsert(tx, 'sb_calls', [...byKey.values()].map(columns), ['call_key']);
  return { rows: rows.length, calls: byKey.size, skipped };
}

/** Legs merge within a tenant only: uniqueids repeat across Asterisks and restarts. */
const callKey = (c: ClassifiedCall) => `${c.tenantId ?? '-'}:${c.uniqueid}`;

const columns = (c: ClassifiedCall) => ({
  call_key: callKey(c),
  uniqueid: c.uniqueid,
  linkedid: c.linkedid,
  tenant_id: c.tenantId,
  direction: c.direction,
  outcome: c.outcome,
  reason: c.reason,
  caller: c.caller,
  caller_name: c.callerName,
  callee: c.callee,
  caller_extension_id: c.callerExtensionId,
  callee_extension_id: c.calleeExtensionId,
  started_at: c.startedAt,
  answered_at: c.answeredAt,
  ended_at: c.endedAt,
  duration: c.duration,
  billsec: c.billsec,
  disposition: c.disposition,
  legs: c.legs,
});

/** The tenants and extensions a batch names, in two queries. */
async function lookupFor(tx: Tx, rows: CdrRow[]): Promise<CallLookup> {
  const names = new Set<string>();
  const endpoints = new Set<string>();
  for (const r of rows) {
    for (const n of [r.accountcode, r.peeraccount, r.dcontext]) if (n) names.add(n);
    for (const c of [r.channel, r.dstchannel]) {
      const e = endpointOfChannel(c);
      if (e) endpoints.add(e);
    }
  }
  const extensions = endpoints.size
    ? await tx.extension.findMany({ where: { endpointId: { in: [...endpoints] } }, select: { id: true, tenantId: true, endpointId: true } })
    : [];
  const tenantIds = [...new Set(extensions.map((e) => e.tenantId))];
  const tenants: CallTenant[] = names.size || tenantIds.length
    ? await tx.$queryRaw<CallTenant[]>`
        SELECT id::text, slug, context, default_country AS "defaultCountry", extension_length AS "extensionLength" FROM sb_tenants
         WHERE slug = ANY(${[...names]}::text[]) OR context = ANY(${[...names]}::text[]) OR id = ANY(${tenantIds}::uuid[])`
    : [];
  const byEndpoint = new Map(extensions.map((e) => [e.endpointId, { id: e.id, tenantId: e.tenantId }]));
  return {
    tenantById: (id) => tenants.find((t) => t.id === id),
    tenantBySlug: (slug) => tenants.find((t) => t.slug === slug),
    tenantByContext: (context) => tenants.find((t) => t.context === context),
    extensionByEndpoint: (e) => byEndpoint.get(e),
  };
}

/** Whether an inbox (sb_cdr_inbox, sb_contact_inbox) holds anything to work on. */
export async function inboxHasRows(db: Db, table: 'sb_cdr_inbox' | 'sb_contact_inbox'): Promise<boolean> {
  const [{ any }] = await db.$queryRawUnsafe<{ any: boolean }[]>(`SELECT EXISTS (SELECT 1 FROM ${table}) AS any`);
  return any;
}
