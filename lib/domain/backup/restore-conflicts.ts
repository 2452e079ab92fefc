import type { Tx } from '../../db/client.ts';
import type { FieldErrors } from '../../errors.ts';
import { jsonPath, type BackupDocument } from './format.ts';

/** The Asterisk tables a backup writes, and the key of each extension's row in the document. */
export const ROW_TABLES = [
  { key: 'endpoint', table: 'ps_endpoints' },
  { key: 'auth', table: 'ps_auths' },
  { key: 'aor', table: 'ps_aors' },
  { key: 'voicemail', table: 'voicemail' },
] as const;

/**
 * Everything in this database that the backup would collide with, keyed by the document's JSON
 * path, all at once: the tenant's slug, SIP domain and context, its DIDs, every endpoint, auth
 * and aor id (in Asterisk's tables and in our records), every mailbox, and columns the backup
 * fills that this database's Asterisk schema does not have. A handful of queries, whatever the
 * tenant's size. Empty when the restore can go ahead.
 */
export async function findConflicts(tx: Tx, doc: BackupDocument): Promise<FieldErrors> {
  const out: FieldErrors = {};
  const add = (path: (string | number)[], message: string) => (out[jsonPath(path)] ??= []).push(message);
  const t = doc.tenant;
  const exts = doc.extensions;
  const ids = { endpoint: exts.map((e) => e.endpoint.id), auth: exts.map((e) => e.auth.id), aor: exts.map((e) => e.aor.id) };
  const allIds = [...new Set([...ids.endpoint, ...ids.auth, ...ids.aor])];
  const boxes = exts.flatMap((e) => (e.voicemail ? [e.voicemail] : []));

  const [tenants, dids, endpoints, auths, aors, records, mailboxes, columns] = await Promise.all([
    tx.tenant.findMany({
      where: { OR: [{ slug: t.slug }, { sipDomain: t.sipDomain }, { context: t.context }] },
      select: { slug: true, sipDomain: true, context: true },
    }),
    tx.did.findMany({ where: { e164: { in: doc.dids.map((d) => d.e164) } }, select: { e164: true, tenant: { select: { slug: true } } } }),
    tx.$queryRaw<{ id: string }[]>`SELECT id FROM ps_endpoints WHERE id = ANY(${ids.endpoint}::text[])`,
    tx.$queryRaw<{ id: string }[]>`SELECT id FROM ps_auths WHERE id = ANY(${ids.auth}::text[])`,
    tx.$queryRaw<{ id: string }[]>`SELECT id FROM ps_aors WHERE id = ANY(${ids.aor}::text[])`,
    tx.$queryRaw<{ ids: string[]; slug: string }[]>`
      SELECT ARRAY[x.endpoint_id, x.auth_id, x.aor_id] AS ids, t.slug FROM sb_extensions x JOIN sb_tenants t ON t.id = x.tenant_id
       WHERE x.endpoint_id = ANY(${allIds}::text[]) OR x.auth_id = ANY(${allIds}::text[]) OR x.aor_id = ANY(${allIds}::text[])`,
    tx.$queryRaw<{ context: string; mailbox: string }[]>`
      SELECT v.context, v.mailbox FROM voicemail v
        JOIN unnest(${boxes.map((b) => b.context)}::text[], ${boxes.map((b) => b.mailbox)}::text[]) AS w(context, mailbox)
          ON v.context = w.context AND v.mailbox = w.mailbox`,
    tx.$queryRaw<{ table_name: string; column_name: string }[]>`
      SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = ANY(${ROW_TABLES.map((r) => r.table)}::text[])`,
  ]);

  for (const other of tenants) {
    if (other.slug === t.slug) add(['tenant', 'slug'], `a tenant "${t.slug}" already exists here`);
    if (other.sipDomain === t.sipDomain) add(['tenant', 'sipDomain'], `is the SIP domain of tenant "${other.slug}" here`);
    if (other.context === t.context) add(['tenant', 'context'], `is the dialplan context of tenant "${other.slug}" here`);
  }
  const didOwner = new Map(dids.map((d) => [d.e164, d.tenant.slug]));
  doc.dids.forEach((d, i) => {
    const owner = didOwner.get(d.e164);
    if (owner) add(['dids', i, 'e164'], `is already a DID of tenant "${owner}" here`);
  });

  const taken = { endpoint: idSet(endpoints), auth: idSet(auths), aor: idSet(aors) };
  const ownedBy = new Map<string, string>();
  for (const r of records) for (const id of r.ids) ownedBy.set(id, r.slug);
  const boxTaken = new Set(mailboxes.map((m) => `${m.mailbox}@${m.context}`));
  exts.forEach((e, i) => {
    for (const key of ['endpoint', 'auth', 'aor'] as const) {
      const id = e[key].id;
      if (taken[key].has(id)) add(['extensions', i, key, 'id'], `${id} already exists in ps_${key}s here`);
      else if (ownedBy.has(id)) add(['extensions', i, key, 'id'], `${id} is already used by an extension of tenant "${ownedBy.get(id)}" here`);
    }
    if (e.voicemail && boxTaken.has(`${e.voicemail.mailbox}@${e.voicemail.context}`))
      add(['extensions', i, 'voicemail', 'mailbox'], `mailbox ${e.voicemail.mailbox}@${e.voicemail.context} already exists here`);
  });

  // A column this database lacks (an older Asterisk schema) would fail the write: say which, once.
  const known = new Set(columns.map((c) => `${c.table_name}.${c.column_name}`));
  const reported = new Set<string>();
  exts.forEach((e, i) => {
    for (const { key, table } of ROW_TABLES) {
      const row = e[key];
      if (!row) continue;
      for (const column of Object.keys(row)) {
        const name = `${table}.${column}`;
        if (known.has(name) || reported.has(name)) continue;
        reported.add(name);
        add(['extensions', i, key, column], `${table} has no column "${column}" in this database (its Asterisk schema is older or different)`);
      }
    }
  });
  return out;
}

const idSet = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
