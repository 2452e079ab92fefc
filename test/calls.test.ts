import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestCalls } from '../lib/domain/calls/ingest.ts';
import { listCalls } from '../lib/domain/calls/list-calls.ts';
import { createExtension } from '../lib/domain/extension/create-extension.ts';
import { caught, makeTenant, platform, sql, tenantAdmin, useDb } from './support/fixtures.ts';

const { db, url } = useDb();
const COLUMNS = ['accountcode', 'src', 'dst', 'dcontext', 'clid', 'channel', 'dstchannel', 'lastapp', 'lastdata', 'start', 'answer', 'end', 'duration', 'billsec', 'disposition', 'amaflags', 'userfield', 'uniqueid', 'linkedid', 'peeraccount', 'sequence'];

type Tenant = Awaited<ReturnType<typeof makeTenant>>;
let acme: Tenant;
let beta: Tenant;
let prefix: string;

/**
 * The sample's rows, as cdr_pgsql writes them (empty values NULL), for this run's two tenants in
 * place of acme and beta, with uniqueids of this run.
 */
async function asteriskWrites(csv: string, edit: (row: Record<string, string>) => void = () => {}) {
  const text = csv.replaceAll('acme', acme.slug).replaceAll('beta', beta.slug).replaceAll('1795307', prefix);
  for (const row of parse(text, { columns: true }) as Record<string, string>[]) {
    edit(row);
    const present = COLUMNS.filter((c) => row[c] !== '');
    await sql(url, `INSERT INTO cdr (${present.map((c) => `"${c}"`).join(', ')}) VALUES (${present.map((_, i) => `$${i + 1}`).join(', ')})`, present.map((c) => row[c]));
  }
}

const sample = readFileSync(new URL('./fixtures/cdr-sample.csv', import.meta.url), 'utf8');

beforeAll(async () => {
  prefix = String(randomInt(1_000_000, 9_999_999));
  acme = await makeTenant(db);
  beta = await makeTenant(db);
  for (const n of ['1001', '1002', '1003']) await createExtension({ actor: platform, db }, acme.id, { number: n, displayName: `acme ${n}` });
  for (const n of ['1001', '2001']) await createExtension({ actor: platform, db }, beta.id, { number: n, displayName: `beta ${n}` });
  await asteriskWrites(sample);
});

describe('call history from the rows Asterisk writes', () => {
  it("gives each tenant exactly its own calls, one per call (the busy call's two rows are one)", async () => {
    const a = await listCalls({ actor: tenantAdmin(acme.id), db }, acme.slug);
    const b = await listCalls({ actor: tenantAdmin(beta.id), db }, beta.slug);
    // a b c d e f g j for acme, i for beta; h (an unknown DID refused) belongs to nobody.
    expect(a.items).toHaveLength(8);
    expect(b.items).toHaveLength(1);
    expect(b.items[0]).toMatchObject({ direction: 'internal', outcome: 'answered', callerExtension: '1001', calleeExtension: '2001' });
    expect(a.items.map((c) => `${c.direction}/${c.outcome}`)).toEqual([
      'internal/refused', // j, newest first
      'inbound/answered', // g
      'emergency/answered', // f
      'outbound/refused', // e
      'outbound/answered', // d
      'internal/busy', // c
      'internal/missed', // b
      'internal/answered', // a
    ]);
    const busy = a.items.find((c) => c.outcome === 'busy')!;
    expect(busy).toMatchObject({ callerExtension: '1001', calleeExtension: '1002', caller: '1001', callee: '1002' });
    const [[orphan]] = [await sql(url, 'SELECT tenant_id, direction, outcome FROM sb_calls WHERE uniqueid = $1', [`${prefix}914.13`])];
    expect(orphan).toEqual({ tenant_id: null, direction: 'inbound', outcome: 'refused' });
  });

  it("never shows a tenant's calls to another tenant's admin", async () => {
    expect((await caught(listCalls({ actor: tenantAdmin(beta.id), db }, acme.slug))).code).toBe('not_found');
  });

  it('filters by extension, direction, outcome, number and time, and pages without gaps', async () => {
    const ctx = { actor: tenantAdmin(acme.id), db };
    expect((await listCalls(ctx, acme.slug, { extension: '1002' })).items.map((c) => c.outcome)).toEqual(['busy', 'missed', 'answered']);
    expect((await listCalls(ctx, acme.slug, { direction: 'outbound' })).items).toHaveLength(2);
    expect((await listCalls(ctx, acme.slug, { outcome: 'refused' })).items.map((c) => c.callee)).toEqual(['1099', '2125550123']);
    expect((await listCalls(ctx, acme.slug, { q: '555' })).items.map((c) => c.direction).sort()).toEqual(['inbound', 'outbound', 'outbound']);
    expect((await listCalls(ctx, acme.slug, { from: '2026-11-22T00:38:00Z', to: '2026-11-22T00:38:20Z' })).items).toHaveLength(3);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCalls(ctx, acme.slug, { limit: 3, cursor });
      seen.push(...page.items.map((c) => c.uniqueid));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    expect((await caught(listCalls(ctx, acme.slug, { extension: '9999' }))).fieldErrors).toEqual({ extension: ['is not an extension of this tenant'] });
    expect((await caught(listCalls(ctx, acme.slug, { cursor: 'bogus' }))).code).toBe('validation');
  });

  it("reads the dialplan's mark: a refused inbound call gets its tenant and reason", async () => {
    await asteriskWrites(sample.split('\n').filter((l, i) => i === 0 || l.includes('1795307914.13')).join('\n'), (row) => {
      row.uniqueid = row.linkedid = `${prefix}914.99`;
      row.accountcode = beta.slug;
      row.userfield = 'sb:inbound:target_inactive';
    });
    const b = await listCalls({ actor: tenantAdmin(beta.id), db }, beta.slug, { outcome: 'refused' });
    expect(b.items).toEqual([expect.objectContaining({ direction: 'inbound', outcome: 'refused', reason: 'target_inactive', callee: '+14155550199' })]);
  });

  it('nothing is classified twice, and the inbox is empty afterwards', async () => {
    expect(await ingestCalls(db)).toEqual({ rows: 0, calls: 0, skipped: 0 });
    expect(await sql(url, 'SELECT count(*)::int AS n FROM sb_cdr_inbox')).toEqual([{ n: 0 }]);
  });
});

describe('retention', () => {
  it('removes calls and cdr rows older than the retention, and keeps the rest', async () => {
    const { pruneCalls } = await import('../lib/domain/calls/prune.ts');
    const old = `${prefix}000.1`;
    await asteriskWrites(sample.split('\n').filter((l, i) => i === 0 || l.includes('1795307862.0')).join('\n'), (row) => {
      row.uniqueid = row.linkedid = old;
      row.start = row.answer = row.end = '2024-01-02 10:00:00';
    });
    await ingestCalls(db);
    expect(await sql(url, 'SELECT count(*)::int AS n FROM sb_calls WHERE uniqueid = $1', [old])).toEqual([{ n: 1 }]);
    const recentBefore = (await sql<{ n: number }>(url, "SELECT count(*)::int AS n FROM cdr WHERE start >= '2026-01-01'"))[0].n;
    const done = await pruneCalls(db, { days: 365, now: new Date('2026-11-22T00:00:00Z'), batch: 1 });
    expect(done.calls).toBeGreaterThanOrEqual(1);
    expect(done.cdrRows).toBeGreaterThanOrEqual(1);
    expect(await sql(url, 'SELECT count(*)::int AS n FROM sb_calls WHERE uniqueid = $1', [old])).toEqual([{ n: 0 }]);
    expect(await sql(url, "SELECT count(*)::int AS n FROM cdr WHERE start < '2025-11-22'")).toEqual([{ n: 0 }]);
    expect((await sql<{ n: number }>(url, "SELECT count(*)::int AS n FROM cdr WHERE start >= '2026-01-01'"))[0].n).toBe(recentBefore);
    expect((await listCalls({ actor: tenantAdmin(acme.id), db }, acme.slug)).items.length).toBeGreaterThanOrEqual(8);
  });
});

describe('chart figures', () => {
  it('count calls per hour by outcome, by direction, and the busiest extensions, on the asked clock', async () => {
    const { callStats } = await import('../lib/domain/calls/stats.ts');
    const ctx = { actor: tenantAdmin(acme.id), db };
    const range = { from: '2026-11-22T00:00:00Z', to: '2026-11-22T02:00:00Z' };
    const s = await callStats(ctx, acme.slug, { ...range, zone: 'UTC' });
    expect(s.bucket).toBe('hour');
    // a d f g answered; b missed and c busy; e and j refused.
    expect(s.series).toEqual([
      { start: '2026-11-22T00', answered: 4, missed: 2, failed: 2 },
      { start: '2026-11-22T01', answered: 0, missed: 0, failed: 0 },
    ]);
    expect(s.total).toEqual({ calls: 8, answered: 4, missed: 2, failed: 2, talkSeconds: 3 + 2 + 2 + 2 });
    expect(s.byDirection).toEqual([
      { direction: 'internal', calls: 4 },
      { direction: 'outbound', calls: 2 },
      { direction: 'inbound', calls: 1 },
      { direction: 'emergency', calls: 1 },
    ]);
    expect(s.busiest).toEqual([
      { number: '1001', name: 'acme 1001', calls: 6 },
      { number: '1002', name: 'acme 1002', calls: 3 },
      { number: '1003', name: 'acme 1003', calls: 2 },
    ]);
    const berlin = await callStats(ctx, acme.slug, { ...range, zone: 'Europe/Berlin' });
    expect(berlin.series.map((b) => b.start)).toEqual(['2026-11-22T01', '2026-11-22T02']);
    expect(berlin.series[0].answered).toBe(4);
    // Every tenant in reach, for the dashboard: a tenant admin's reach is its own tenant.
    expect((await callStats(ctx, null, { ...range, zone: 'UTC' })).total.calls).toBe(8);
    expect((await caught(callStats({ actor: tenantAdmin(beta.id), db }, acme.slug, { ...range, zone: 'UTC' }))).code).toBe('not_found');
    expect((await caught(callStats(ctx, acme.slug, { ...range, zone: 'Mars/Olympus' }))).fieldErrors).toEqual({ zone: ['is not a time zone'] });
  });
});

describe('transfers and failures', () => {
  it('keeps the legs of a transferred conversation as calls that share its linkedid, and a failed call as failed', async () => {
    const cols = 'accountcode, src, dst, dcontext, channel, dstchannel, lastapp, start, answer, "end", duration, billsec, disposition, userfield, uniqueid, linkedid, sequence';
    const slug = acme.slug;
    const ch = (n: string, i: string) => `PJSIP/${n}@${acme.sipDomain}-0000${i}`;
    await sql(url, `INSERT INTO cdr (${cols}) VALUES
      ($1, '1001', '1002', $2, $3, $4, 'Dial', '2026-11-21 10:00:00', '2026-11-21 10:00:02', '2026-11-21 10:01:00', 60, 58, 'ANSWERED', 'sb:internal:ok', $5, $5, 30),
      ($1, '1002', '1003', $2, $4, $6, 'Dial', '2026-11-21 10:00:40', '2026-11-21 10:00:45', '2026-11-21 10:03:00', 140, 135, 'ANSWERED', 'sb:internal:ok', $7, $5, 31),
      ($1, '1003', '2125550199', $2, $8, NULL, 'Dial', '2026-11-21 11:00:00', NULL, '2026-11-21 11:00:01', 1, 0, 'FAILED', 'sb:external:ok', $9, $9, 32)`,
      [slug, acme.context, ch('1001', 'a001'), ch('1002', 'a002'), `${prefix}000.30`, ch('1003', 'a003'), `${prefix}000.31`, ch('1003', 'a004'), `${prefix}000.32`]);
    const day = await listCalls({ actor: tenantAdmin(acme.id), db }, acme.slug, { from: '2026-11-21T00:00:00Z', to: '2026-11-22T00:00:00Z' });
    const byId = Object.fromEntries(day.items.map((c) => [c.uniqueid, c]));
    expect(byId[`${prefix}000.30`]).toMatchObject({ linkedid: `${prefix}000.30`, callerExtension: '1001', calleeExtension: '1002', outcome: 'answered', billsec: 58 });
    expect(byId[`${prefix}000.31`]).toMatchObject({ linkedid: `${prefix}000.30`, callerExtension: '1002', calleeExtension: '1003', outcome: 'answered', billsec: 135 });
    expect(byId[`${prefix}000.32`]).toMatchObject({ direction: 'outbound', outcome: 'failed', reason: null });
  });
});

describe('uniqueids that repeat', () => {
  it("never merge one tenant's call into another's (two Asterisks, or one after a restart, reuse uniqueids)", async () => {
    const uid = `${prefix}000.77`;
    const cols = 'accountcode, src, dst, dcontext, channel, dstchannel, lastapp, start, answer, "end", duration, billsec, disposition, userfield, uniqueid, linkedid, sequence';
    await sql(url, `INSERT INTO cdr (${cols}) VALUES
      ($1, '1001', '1002', $2, $3, $4, 'Dial', '2026-11-20 09:00:00', '2026-11-20 09:00:01', '2026-11-20 09:00:31', 31, 30, 'ANSWERED', 'sb:internal:ok', $9, $9, 1),
      ($5, '1001', '2001', $6, $7, $8, 'Dial', '2026-11-20 09:00:00', NULL, '2026-11-20 09:00:20', 20, 0, 'NO ANSWER', 'sb:internal:ok', $9, $9, 1)`,
      [acme.slug, acme.context, `PJSIP/1001@${acme.sipDomain}-0000aa01`, `PJSIP/1002@${acme.sipDomain}-0000aa02`, beta.slug, beta.context, `PJSIP/1001@${beta.sipDomain}-0000bb01`, `PJSIP/2001@${beta.sipDomain}-0000bb02`, uid]);
    const range = { from: '2026-11-20T08:59:00Z', to: '2026-11-20T09:01:00Z' };
    const a = await listCalls({ actor: tenantAdmin(acme.id), db }, acme.slug, range);
    const b = await listCalls({ actor: tenantAdmin(beta.id), db }, beta.slug, range);
    expect(a.items).toEqual([expect.objectContaining({ uniqueid: uid, outcome: 'answered', calleeExtension: '1002', billsec: 30 })]);
    expect(b.items).toEqual([expect.objectContaining({ uniqueid: uid, outcome: 'missed', calleeExtension: '2001' })]);
  });
});
