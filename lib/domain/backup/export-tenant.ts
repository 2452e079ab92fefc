import { LONG_TRANSACTION, type Tx } from '../../db/client.ts';
import { AppError, conflict, forbidden } from '../../errors.ts';
import type { Directory, Tenant } from '../../generated/prisma/client.ts';
import { recordAudit } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { findTenant } from '../tenant/get-tenant.ts';
import { authForBackup, holdsPlaintext } from './auth-digest.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, parseBackup, plural, type BackupDid, type BackupDocument, type BackupExtension, type BackupRow } from './format.ts';

export type TenantBackup = { document: BackupDocument; counts: BackupCounts };
export type BackupCounts = { dids: number; extensions: number; mailboxes: number; directory: boolean };

/**
 * A tenant's backup document (format.ts), read in one REPEATABLE READ transaction so that records
 * and Asterisk rows are one consistent snapshot even while people keep working. For platform
 * admins and the tenant's own admins; viewers are refused, since the document holds digests and
 * PINs. Audited as `tenant.backup`.
 */
export async function exportTenant(ctx: Ctx, tenantRef: string): Promise<TenantBackup> {
  return dbOf(ctx).$transaction(
    async (tx) => {
      const tenant = await findTenant(tx, ctx.actor, tenantRef, 'read');
      if (ctx.actor.role !== 'platform_admin' && ctx.actor.role !== 'tenant_admin')
        throw forbidden("Only admins can export a tenant's backup: it holds SIP digests and voicemail PINs");
      const { document, counts, converted } = await readTenant(tx, tenant);
      assertRestorable(document);
      await recordAudit(tx, ctx.actor, {
        action: 'tenant.backup',
        tenantId: tenant.id,
        targetType: 'tenant',
        targetId: tenant.id,
        targetLabel: tenant.slug,
        after: { ...counts, convertedToDigest: converted },
      });
      return { document, counts };
    },
    { ...LONG_TRANSACTION, isolationLevel: 'RepeatableRead' },
  );
}

/** A backup that could not be restored is worse than none: it is checked as a restore would. */
function assertRestorable(document: BackupDocument) {
  try {
    parseBackup(document);
  } catch (err) {
    if (!(err instanceof AppError) || !err.fieldErrors) throw err;
    const count = Object.keys(err.fieldErrors).length;
    throw new AppError('conflict', `This tenant cannot be backed up: ${count} value${count === 1 ? '' : 's'} would not restore; correct ${count === 1 ? 'it' : 'them'} first`, err.fieldErrors);
  }
}

type Row = { r: BackupRow };

async function readTenant(tx: Tx, tenant: Tenant) {
  const id = tenant.id;
  // json_strip_nulls(row_to_json(row)): every non-null column under Asterisk's own name, in the
  // table's column order, numbers as numbers.
  const [dids, exts, endpoints, auths, aors, mailboxes, directory, schema] = await Promise.all([
    tx.did.findMany({ where: { tenantId: id }, orderBy: { e164: 'asc' }, include: { extension: { select: { number: true } } } }),
    tx.extension.findMany({ where: { tenantId: id }, orderBy: { number: 'asc' }, omit: { pendingSecretSealed: false } }),
    tx.$queryRaw<Row[]>`SELECT json_strip_nulls(row_to_json(t)) AS r FROM ps_endpoints t
                         WHERE t.id = ANY (ARRAY(SELECT endpoint_id FROM sb_extensions WHERE tenant_id = ${id}::uuid))`,
    tx.$queryRaw<Row[]>`SELECT json_strip_nulls(row_to_json(t)) AS r FROM ps_auths t
                         WHERE t.id = ANY (ARRAY(SELECT auth_id FROM sb_extensions WHERE tenant_id = ${id}::uuid))`,
    tx.$queryRaw<Row[]>`SELECT json_strip_nulls(row_to_json(t)) AS r FROM ps_aors t
                         WHERE t.id = ANY (ARRAY(SELECT aor_id FROM sb_extensions WHERE tenant_id = ${id}::uuid))`,
    tx.$queryRaw<(Row & { uniqueid: number })[]>`SELECT t.uniqueid, json_strip_nulls(row_to_json(t)) AS r FROM voicemail t
                         WHERE t.uniqueid = ANY (ARRAY(SELECT voicemail_id FROM sb_extensions WHERE tenant_id = ${id}::uuid AND voicemail_id IS NOT NULL))`,
    tx.directory.findUnique({ where: { tenantId: id } }),
    asteriskRevision(tx),
  ]);

  const byId = (rows: Row[]) => new Map(rows.map(({ r }) => [String(r.id), r]));
  const endpointById = byId(endpoints);
  const authById = byId(auths);
  const aorById = byId(aors);
  // uniqueid is the database's key, not part of the mailbox: the restoring database makes its own.
  const mailboxById = new Map(mailboxes.map(({ uniqueid, r: { uniqueid: _key, ...box } }) => [uniqueid, box]));
  const didE164 = new Map(dids.map((d) => [d.id, d.e164]));

  const missing: Record<string, string[]> = {};
  let converted = 0;
  const extensions: BackupExtension[] = exts.map((e) => {
    const endpoint = endpointById.get(e.endpointId);
    const auth = authById.get(e.authId);
    const aor = aorById.get(e.aorId);
    const voicemail = e.voicemailId === null ? null : mailboxById.get(e.voicemailId);
    const lost = [!endpoint && `ps_endpoints ${e.endpointId}`, !auth && `ps_auths ${e.authId}`, !aor && `ps_aors ${e.aorId}`, voicemail === undefined && `voicemail ${e.voicemailId}`].filter(Boolean) as string[];
    if (lost.length) missing[`extensions.${e.number}`] = lost.map((l) => `its row ${l} is missing`);
    if (auth && holdsPlaintext(auth)) converted++;
    return {
      number: e.number,
      displayName: e.displayName,
      email: e.email,
      allowExternal: e.allowExternal,
      active: e.active,
      maxContacts: e.maxContacts,
      adSynced: e.adSynced,
      adUsername: e.adUsername,
      directoryId: e.directoryId,
      directoryState: e.directoryState,
      directorySyncedAt: iso(e.directorySyncedAt),
      directoryRemovalDueAt: iso(e.directoryRemovalDueAt),
      directoryPriorAllowExternal: e.directoryPriorAllowExternal,
      callerId: (e.callerIdDidId && didE164.get(e.callerIdDidId)) || null,
      voicemailBox: e.voicemailBox,
      createdAt: e.createdAt.toISOString(),
      secretChangedAt: e.secretChangedAt.toISOString(),
      ...(e.pendingSecretSealed ? { unrevealedSecret: true as const } : {}),
      endpoint: endpoint ?? { id: e.endpointId },
      auth: auth ? authForBackup(auth, tenant.sipDomain) : { id: e.authId, username: '' },
      aor: aor ?? { id: e.aorId },
      voicemail: (voicemail ?? null) as BackupExtension['voicemail'],
    } as BackupExtension;
  });
  const broken = Object.keys(missing).length;
  if (broken)
    throw conflict(
      `${broken === 1 ? '1 extension lacks' : `${broken} extensions lack`} Asterisk rows, so ${broken === 1 ? 'its phone' : 'their phones'} could not work after a restore; repair first (switchboard db verify --fix)`,
      missing,
    );

  const backupDids: BackupDid[] = dids.map((d) => ({ e164: d.e164, extension: d.extension?.number ?? null, label: d.label, createdAt: d.createdAt.toISOString() }));
  const plaintext = tenant.secretStorage === 'plaintext';
  const unrevealed = extensions.filter((e) => e.unrevealedSecret).map((e) => e.number);
  const document: BackupDocument = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    asteriskSchema: schema,
    notes: [
      'SIP secrets are stored only as the digests Asterisk checks (md5_cred, password_digest), never in plaintext; they contain the realm, so phones keep registering while the SIP domain stays the same.',
      'Voicemail PINs are included (voicemail.password): Asterisk reads them from the mailbox row. Keep this file as private as the database.',
      ...(directory ? ["The directory's bind password is not included: enter it again after restoring; directory syncs fail until then."] : []),
      ...(plaintext ? ['This tenant stored plaintext SIP secrets: they are written here as MD5 digests, and the restored tenant stores md5.'] : []),
      ...(unrevealed.length ? [`${plural(unrevealed, 'Extension')} held a generated secret nobody had seen; it is not included: give ${unrevealed.length === 1 ? 'it' : 'them'} a new secret after restoring.`] : []),
      'Not included: admin accounts, API tokens, registrations, call records, directory sync history, and the trunk endpoint named by outboundTrunk.',
    ],
    tenant: {
      slug: tenant.slug,
      name: tenant.name,
      sipDomain: tenant.sipDomain,
      context: tenant.context,
      defaultCountry: tenant.defaultCountry,
      extensionLength: tenant.extensionLength,
      outboundTrunk: tenant.outboundTrunk,
      transport: tenant.transport,
      codecs: tenant.codecs,
      // The restored rows hold digests, so that is what the restored tenant stores.
      secretStorage: tenant.secretStorage === 'plaintext' ? 'md5' : tenant.secretStorage,
      allowPremium: tenant.allowPremium,
      status: tenant.status,
      mainNumber: (tenant.mainDidId && didE164.get(tenant.mainDidId)) || null,
      createdAt: tenant.createdAt.toISOString(),
    },
    dids: backupDids,
    extensions,
    directory: directory ? directoryForBackup(directory) : null,
  };
  return {
    document,
    converted,
    counts: { dids: dids.length, extensions: extensions.length, mailboxes: mailboxes.length, directory: !!directory },
  };
}

/** Asterisk's schema revision as its alembic table records it; null in a database without one. */
async function asteriskRevision(tx: Tx): Promise<string | null> {
  const [{ present }] = await tx.$queryRaw<{ present: boolean }[]>`SELECT to_regclass('alembic_version') IS NOT NULL AS present`;
  if (!present) return null;
  const rows = await tx.$queryRaw<{ v: string }[]>`SELECT version_num AS v FROM alembic_version LIMIT 1`;
  return rows[0]?.v ?? null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function directoryForBackup(d: Omit<Directory, 'bindPasswordSealed'>): NonNullable<BackupDocument['directory']> {
  const { tenantId: _t, createdAt: _c, updatedAt: _u, ...fields } = d as Directory;
  const { bindPasswordSealed: _p, ...settings } = fields as typeof fields & { bindPasswordSealed?: string };
  return settings as NonNullable<BackupDocument['directory']>;
}
