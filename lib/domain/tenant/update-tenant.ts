import { LONG_TRANSACTION, type Tx } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, conflict } from '../../errors.ts';
import type { Tenant } from '../../generated/prisma/client.ts';
import { recordAudit } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { deleteContacts } from '../extension/delete-rows.ts';
import { parseInput } from '../parse.ts';
import { authRow, challengeOrder, hasOwnSipShape, sameDigests, sipId } from '../sip/asterisk-rows.ts';
import { generateSecret } from '../sip/secret.ts';
import { tenantUpdateInput, type TenantUpdateInput } from './schemas.ts';
import { findTenant } from './get-tenant.ts';
import { tenantAuditView } from './view.ts';

export type TenantUpdateResult = {
  tenant: Tenant;
  /** New secrets, shown once, when the change needed them (every extension of the tenant). */
  secrets?: { number: string; secret: string }[];
};

/**
 * Changes a tenant and carries the change into its extensions' Asterisk rows. A new SIP domain
 * renames every endpoint/aor/auth and changes the realm; stored digests hash the realm, so unless
 * the tenant stores plaintext every extension needs a new secret, and the caller must say so
 * with `rotateSecrets` (the portal asks the admin first).
 */
export async function updateTenant(ctx: Ctx, id: string, input: TenantUpdateInput): Promise<TenantUpdateResult> {
  const { rotateSecrets, ...patch } = parseInput(tenantUpdateInput, input);
  try {
    return await dbOf(ctx).$transaction(async (tx) => {
      const before = await findTenant(tx, ctx.actor, id, 'write');
      if (ctx.actor.role !== 'platform_admin') {
        // What a tenant's calls may cost and where they leave the PBX is the operator's decision.
        const reserved = (['status', 'outboundTrunk', 'allowPremium', 'transport', 'secretStorage'] as const).filter(
          (k) => patch[k] !== undefined && patch[k] !== before[k],
        );
        if (reserved.length)
          throw new AppError(
            'forbidden',
            'Only platform admins can change the status, trunk, premium-rate calls, transport or secret storage of a tenant',
            Object.fromEntries(reserved.map((k) => [k, ['only a platform admin can change this']])),
          );
      }
      const domainChanged = patch.sipDomain !== undefined && patch.sipDomain !== before.sipDomain;
      const storageChanged = patch.secretStorage !== undefined && !sameDigests(patch.secretStorage, before.secretStorage);
      const challengesReordered = patch.secretStorage !== undefined && !storageChanged && patch.secretStorage !== before.secretStorage;
      const lengthChanged = patch.extensionLength !== undefined && patch.extensionLength !== before.extensionLength;
      const extensionCount = await tx.extension.count({ where: { tenantId: before.id } });
      const needsNewSecrets =
        extensionCount > 0 && (storageChanged || (domainChanged && (patch.secretStorage ?? before.secretStorage) !== 'plaintext'));
      if (needsNewSecrets && !rotateSecrets)
        throw new AppError(
          'conflict',
          `This change invalidates the SIP secrets of all ${extensionCount} extensions (digests include the domain); ` +
            'confirm to generate new ones',
          { rotateSecrets: ['must be confirmed: every phone of this tenant will need its new secret'] },
        );
      if (lengthChanged && extensionCount > 0)
        throw conflict(`The tenant has ${extensionCount} extensions of ${before.extensionLength} digits`, {
          extensionLength: ['cannot change while the tenant has extensions'],
        });
      if (domainChanged && (await tx.tenant.count({ where: { sipDomain: patch.sipDomain, NOT: { id: before.id } } })))
        throw conflict('Another tenant uses this SIP domain', { sipDomain: ['is already used by another tenant'] });

      const tenant = await tx.tenant.update({ where: { id: before.id }, data: patch });
      const endpointsChanged = domainChanged || tenant.codecs !== before.codecs || tenant.transport !== before.transport;
      // A rename or a new country changes no Asterisk row; don't rewrite a tenant's 100,000 endpoints for it.
      const secrets = endpointsChanged || needsNewSecrets ? await carryIntoSipRows(tx, before, tenant, { domainChanged, needsNewSecrets }) : undefined;
      // Same digests, other order: the secrets stay, only the challenges Asterisk sends change.
      if (challengesReordered && !needsNewSecrets)
        await tx.$executeRaw`UPDATE ps_auths SET supported_algorithms_uas = ${challengeOrder(tenant.secretStorage)}
                               WHERE id = ANY (ARRAY(SELECT endpoint_id FROM sb_extensions WHERE tenant_id = ${tenant.id}::uuid
                                                        AND endpoint_id = number || '@' || ${tenant.sipDomain}
                                                        AND auth_id = endpoint_id AND aor_id = endpoint_id))`;
      await recordAudit(tx, ctx.actor, {
        action: 'tenant.update',
        tenantId: tenant.id,
        targetType: 'tenant',
        targetId: tenant.id,
        targetLabel: tenant.slug,
        before: tenantAuditView(before),
        after: { ...tenantAuditView(tenant), ...(secrets ? { secretsRotated: secrets.length } : {}) },
      });
      return { tenant, ...(secrets ? { secrets } : {}) };
    }, LONG_TRANSACTION);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('Another tenant uses this SIP domain', { sipDomain: ['is already used by another tenant'] });
    throw err;
  }
}

/**
 * Set-based, so a tenant of 100,000 extensions changes in a handful of statements. Extensions
 * adopted from an existing PBX are left out: their ids hold no domain, their digests keep their
 * own realm, and their transport and codecs are what their phones were set up with.
 */
async function carryIntoSipRows(
  tx: Tx,
  before: Tenant,
  after: Tenant,
  { domainChanged, needsNewSecrets }: { domainChanged: boolean; needsNewSecrets: boolean },
) {
  const all = await tx.extension.findMany({ where: { tenantId: after.id }, select: { id: true, number: true, endpointId: true, authId: true, aorId: true } });
  const exts = all.filter((e) => hasOwnSipShape(e, before.sipDomain));
  if (!exts.length) return undefined;
  const oldIds = exts.map((e) => e.endpointId);
  const newIds = exts.map((e) => sipId(e.number, after.sipDomain));

  await tx.$executeRaw`
    UPDATE ps_endpoints e SET allow = ${after.codecs}, transport = ${after.transport}, from_domain = ${after.sipDomain},
           id = v.new_id, aors = v.new_id, auth = v.new_id
      FROM unnest(${oldIds}::text[], ${newIds}::text[]) AS v(old_id, new_id)
     WHERE e.id = v.old_id`;
  if (!domainChanged && !needsNewSecrets) return undefined;

  await deleteContacts(tx, oldIds); // registrations under the old domain can never match again
  await tx.$executeRaw`
    UPDATE ps_aors a SET id = v.new_id
      FROM unnest(${oldIds}::text[], ${newIds}::text[]) AS v(old_id, new_id) WHERE a.id = v.old_id`;
  await tx.$executeRaw`
    UPDATE sb_extensions x SET endpoint_id = v.new_id, auth_id = v.new_id, aor_id = v.new_id
      FROM unnest(${oldIds}::text[], ${newIds}::text[]) AS v(old_id, new_id) WHERE x.endpoint_id = v.old_id`;

  if (!needsNewSecrets) {
    await tx.$executeRaw`
      UPDATE ps_auths a SET id = v.new_id, realm = ${after.sipDomain}
        FROM unnest(${oldIds}::text[], ${newIds}::text[]) AS v(old_id, new_id) WHERE a.id = v.old_id`;
    return undefined;
  }
  const secrets = exts.map((e) => ({ number: e.number, secret: generateSecret() }));
  const rows = secrets.map((s) => authRow(after, s.number, s.secret));
  await tx.$executeRaw`
    UPDATE ps_auths a
       SET id = v.new_id, realm = ${after.sipDomain}, auth_type = v.auth_type::pjsip_auth_type_values_v2,
           password = v.password, md5_cred = v.md5_cred, password_digest = v.password_digest,
           supported_algorithms_uas = v.algs
      FROM unnest(${oldIds}::text[], ${newIds}::text[], ${rows.map((r) => r.auth_type)}::text[],
                  ${rows.map((r) => r.password)}::text[], ${rows.map((r) => r.md5_cred)}::text[],
                  ${rows.map((r) => r.password_digest)}::text[], ${rows.map((r) => r.supported_algorithms_uas ?? null)}::text[])
           AS v(old_id, new_id, auth_type, password, md5_cred, password_digest, algs)
     WHERE a.id = v.old_id`;
  await tx.$executeRaw`UPDATE sb_extensions SET secret_changed_at = now() WHERE id = ANY(${exts.map((e) => e.id)}::uuid[])`;
  return secrets;
}
