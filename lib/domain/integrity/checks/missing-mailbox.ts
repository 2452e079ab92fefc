import type { Tx } from '../../../db/client.ts';
import { tenantFilter, type Scope } from '../scope.ts';
import { plural, sampled, SAMPLE_ROWS, type IntegrityCheck } from '../types.ts';

type Row = { id: string; slug: string; box: string; number: string; endpoint_id: string; aor_id: string; voicemail_id: number; total: number };

function find(db: Tx, scope: Scope, limit: number | null) {
  return db.$queryRaw<Row[]>`
    SELECT x.id::text, t.slug, coalesce(x.voicemail_box, x.number || '@' || t.context) AS box, x.number, x.endpoint_id, x.aor_id, x.voicemail_id, count(*) OVER ()::int AS total
      FROM sb_extensions x
      JOIN sb_tenants t ON t.id = x.tenant_id
     WHERE ${tenantFilter(scope)} AND x.voicemail_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM voicemail v WHERE v.uniqueid = x.voicemail_id)
     ORDER BY t.slug, x.number
     LIMIT ${limit}`;
}

/**
 * Records that say the extension has a mailbox whose voicemail row is gone. The row held the PIN,
 * so it cannot be made again; the repair forgets the mailbox (the record and the endpoint's and
 * aor's `mailboxes`), which is how things already stand for callers. A new voicemail PIN then
 * gives the extension a new mailbox; messages on disk are untouched.
 */
export const missingMailbox: IntegrityCheck = {
  id: 'missing-mailbox',
  title: 'extensions whose mailbox is gone',
  needs: 'records',
  advice: 'Callers cannot leave a message. --fix forgets the missing mailbox; then set a new voicemail PIN (switchboard extensions set <number> --tenant <slug> --voicemail-pin <pin>) to give the extension a mailbox again.',
  async inspect(db, scope) {
    return sampled(
      await find(db, scope, SAMPLE_ROWS),
      (r) => ({ tenant: r.slug, table: 'sb_extensions', id: r.endpoint_id, detail: `extension ${r.number}: voicemail row ${r.voicemail_id} is gone` }),
      (n) => (n ? `${plural(n, 'extension')} whose mailbox is gone` : 'every mailbox an extension names exists'),
    );
  },
  async repair(tx, scope) {
    const rows = await find(tx, scope, null);
    if (!rows.length) return [];
    await tx.$executeRaw`UPDATE sb_extensions SET voicemail_id = NULL, voicemail_box = NULL, updated_at = now() WHERE id = ANY(${rows.map((r) => r.id)}::uuid[])`;
    // Only where they name this box (sip/asterisk-rows.ts mailboxOf): anything else was set by someone else.
    const boxes = rows.map((r) => r.box);
    await tx.$executeRaw`
      UPDATE ps_endpoints e SET mailboxes = NULL FROM unnest(${rows.map((r) => r.endpoint_id)}::text[], ${boxes}::text[]) AS v(id, box)
       WHERE e.id = v.id AND e.mailboxes = v.box`;
    await tx.$executeRaw`
      UPDATE ps_aors a SET mailboxes = NULL FROM unnest(${rows.map((r) => r.aor_id)}::text[], ${boxes}::text[]) AS v(id, box)
       WHERE a.id = v.id AND a.mailboxes = v.box`;
    return rows.map((r) => ({ tenant: r.slug, table: 'sb_extensions', id: r.endpoint_id, done: `extension ${r.number}: forgot the missing mailbox (voicemail row ${r.voicemail_id})` }));
  },
};
