import { randomUUID } from 'node:crypto';
import { bulkInsert } from '../../db/bulk-insert.ts';
import { LONG_TRANSACTION, type Tx } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { conflict } from '../../errors.ts';
import { assertPlatformAdmin, type Actor } from '../actor.ts';
import { recordAudit } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { deleteContacts } from '../extension/delete-rows.ts';
import { tenantAuditView } from '../tenant/view.ts';
import { parseBackup, plural, type BackupDocument, type BackupRow } from './format.ts';
import { findConflicts } from './restore-conflicts.ts';

export type RestoreSummary = {
  dryRun: boolean;
  tenant: { id: string | null; slug: string; name: string; sipDomain: string; context: string };
  dids: string[];
  extensions: number;
  mailboxes: number;
  directory: boolean;
  /** What an admin must still do (the directory password, secrets nobody has seen, the trunk). */
  warnings: string[];
};

export type RestoreOptions = { dryRun?: boolean; onProgress?: (done: number, total: number) => void };

const CHUNK = 2_000;

/**
 * Restores a tenant from a backup document (format.ts) into this installation: platform admins
 * only. The whole document is validated first (every problem at once, by JSON path), then checked
 * against this database (every conflict at once, nothing written); a dry run stops there and says
 * what would be created. The real run writes the tenant, its DIDs, the Asterisk rows exactly as
 * the backup holds them, our records, the main number and the directory settings (without a bind
 * password) in one transaction, audited as `tenant.restore`. The sb_routing triggers announce the
 * new tenant, DIDs and extensions to the AGI servers as for any other change.
 */
export async function restoreTenant(ctx: Ctx, raw: unknown, options: RestoreOptions = {}): Promise<RestoreSummary> {
  assertPlatformAdmin(ctx.actor);
  const doc = parseBackup(raw);
  const summary = summarize(doc, options.dryRun ?? false);
  try {
    return await dbOf(ctx).$transaction(async (tx) => {
      const conflicts = await findConflicts(tx, doc);
      const count = Object.keys(conflicts).length;
      if (count)
        throw conflict(`${count} conflict${count === 1 ? '' : 's'} with this database; nothing was restored`, conflicts);
      if (options.dryRun) return summary;
      const tenantId = await writeTenant(tx, ctx.actor, doc, options.onProgress);
      return { ...summary, tenant: { ...summary.tenant, id: tenantId } };
    }, LONG_TRANSACTION);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('Part of this tenant was created by someone else while it was being restored; nothing was restored');
    throw err;
  }
}

function summarize(doc: BackupDocument, dryRun: boolean): RestoreSummary {
  const t = doc.tenant;
  const unrevealed = doc.extensions.filter((e) => e.unrevealedSecret).map((e) => e.number);
  const warnings = [
    ...(doc.directory
      ? [`The directory settings were restored without the bind password: enter it again before the next sync${doc.directory.scheduleMinutes ? ' (scheduled syncs fail until then)' : ''}.`]
      : []),
    ...(unrevealed.length
      ? [`${plural(unrevealed, 'Extension')} need${unrevealed.length === 1 ? 's' : ''} a new SIP secret: the one generated for ${unrevealed.length === 1 ? 'it' : 'them'} was never shown and is not in a backup.`]
      : []),
    ...(t.outboundTrunk ? [`Outside calls leave through the trunk endpoint "${t.outboundTrunk}", which is not part of a backup: it must exist on this PBX.`] : []),
  ];
  return {
    dryRun,
    tenant: { id: null, slug: t.slug, name: t.name, sipDomain: t.sipDomain, context: t.context },
    dids: doc.dids.map((d) => d.e164),
    extensions: doc.extensions.length,
    mailboxes: doc.extensions.filter((e) => e.voicemail).length,
    directory: !!doc.directory,
    warnings,
  };
}

/** Every column any row has, on every row: bulkInsert takes its column list from the first. */
function uniform(rows: BackupRow[]): Record<string, unknown>[] {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null])));
}

const dateOr = (iso: string | null | undefined, fallback: Date) => (iso ? new Date(iso) : fallback);

async function writeTenant(tx: Tx, actor: Actor, doc: BackupDocument, onProgress?: RestoreOptions['onProgress']): Promise<string> {
  const now = new Date();
  const t = doc.tenant;
  const tenant = await tx.tenant.create({
    data: {
      slug: t.slug, name: t.name, sipDomain: t.sipDomain, context: t.context, defaultCountry: t.defaultCountry,
      extensionLength: t.extensionLength, outboundTrunk: t.outboundTrunk ?? null, transport: t.transport ?? null,
      codecs: t.codecs, secretStorage: t.secretStorage, allowPremium: t.allowPremium, status: t.status,
      createdAt: dateOr(t.createdAt, now),
    },
  });

  // DIDs first (extensions name them as caller ID), then which extension each rings.
  const didIds = new Map(doc.dids.map((d) => [d.e164, randomUUID()]));
  await bulkInsert(tx, 'sb_dids', doc.dids.map((d) => ({
    id: didIds.get(d.e164), tenant_id: tenant.id, e164: d.e164, extension_id: null, label: d.label, created_at: dateOr(d.createdAt, now),
  })));

  // Registrations left behind by a deleted endpoint of the same id would look like live phones.
  await deleteContacts(tx, doc.extensions.map((e) => e.endpoint.id), doc.extensions.map((e) => e.aor.id));
  const extIds = new Map(doc.extensions.map((e) => [e.number, randomUUID()]));
  const total = doc.extensions.length;
  for (let i = 0; i < total; i += CHUNK) {
    const batch = doc.extensions.slice(i, i + CHUNK);
    await bulkInsert(tx, 'ps_endpoints', uniform(batch.map((e) => e.endpoint)));
    await bulkInsert(tx, 'ps_auths', uniform(batch.map((e) => e.auth)));
    await bulkInsert(tx, 'ps_aors', uniform(batch.map((e) => e.aor)));
    const boxes = batch.flatMap((e) => (e.voicemail ? [e.voicemail] : []));
    const made = await bulkInsert<{ uniqueid: number; context: string; mailbox: string }>(tx, 'voicemail', uniform(boxes), ['uniqueid', 'context', 'mailbox']);
    const boxId = new Map(made.map((b) => [`${b.mailbox}@${b.context}`, b.uniqueid]));
    await bulkInsert(tx, 'sb_extensions', batch.map((e) => ({
      id: extIds.get(e.number),
      tenant_id: tenant.id,
      number: e.number,
      display_name: e.displayName,
      email: e.email,
      allow_external: e.allowExternal,
      active: e.active,
      max_contacts: e.maxContacts,
      ad_synced: e.adSynced,
      ad_username: e.adUsername,
      directory_id: e.directoryId,
      directory_state: e.directoryState,
      directory_synced_at: e.directorySyncedAt,
      directory_removal_due_at: e.directoryRemovalDueAt,
      directory_prior_allow_external: e.directoryPriorAllowExternal,
      endpoint_id: e.endpoint.id,
      auth_id: e.auth.id,
      aor_id: e.aor.id,
      voicemail_id: e.voicemail ? boxId.get(`${e.voicemail.mailbox}@${e.voicemail.context}`) : null,
      voicemail_box: e.voicemailBox ?? null,
      caller_id_did_id: e.callerId ? didIds.get(e.callerId) : null,
      secret_changed_at: dateOr(e.secretChangedAt, now),
      created_at: dateOr(e.createdAt, now),
      updated_at: now,
    })));
    onProgress?.(Math.min(i + CHUNK, total), total);
  }

  const ringing = doc.dids.filter((d) => d.extension !== null);
  if (ringing.length)
    await tx.$executeRaw`
      UPDATE sb_dids d SET extension_id = v.ext
        FROM unnest(${ringing.map((d) => didIds.get(d.e164)!)}::uuid[], ${ringing.map((d) => extIds.get(d.extension!)!)}::uuid[]) AS v(did, ext)
       WHERE d.id = v.did`;
  // The endpoints' set_var already carries each caller ID as the backup has it: no rewrite here.
  if (t.mainNumber) await tx.tenant.update({ where: { id: tenant.id }, data: { mainDidId: didIds.get(t.mainNumber)! } });

  if (doc.directory) {
    const { bindPassword: _none, ...d } = doc.directory;
    await tx.directory.create({
      data: {
        ...d,
        tenantId: tenant.id,
        caCert: d.caCert ?? null,
        groupDn: d.groupDn ?? null,
        numberDigits: d.numberDigits ?? null,
        numberPattern: d.numberPattern ?? null,
        disabledAttribute: d.disabledAttribute ?? null,
        disabledValue: d.disabledValue ?? null,
        scheduleMinutes: d.scheduleMinutes ?? null,
        // None stored: opening it fails with "enter it again" (directory/secret-box.ts).
        bindPasswordSealed: '',
      },
    });
  }

  await recordAudit(tx, actor, {
    action: 'tenant.restore',
    tenantId: tenant.id,
    targetType: 'tenant',
    targetId: tenant.id,
    targetLabel: tenant.slug,
    after: {
      ...tenantAuditView(tenant),
      mainNumber: t.mainNumber,
      dids: doc.dids.length,
      extensions: total,
      mailboxes: doc.extensions.filter((e) => e.voicemail).length,
      directory: !!doc.directory,
      backupCreatedAt: doc.createdAt,
    },
  });
  return tenant.id;
}

