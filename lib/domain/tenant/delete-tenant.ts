import { LONG_TRANSACTION } from '../../db/client.ts';
import { conflict } from '../../errors.ts';
import { assertPlatformAdmin } from '../actor.ts';
import { recordAudit } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { deleteSipRows } from '../extension/delete-rows.ts';
import { findTenant } from './get-tenant.ts';
import { tenantAuditView } from './view.ts';

/**
 * Deletes a tenant. While it has extensions this is refused unless `withExtensions` confirms
 * that their phone accounts (and registrations, mailboxes, DIDs) go too.
 */
export async function deleteTenant(ctx: Ctx, id: string, options: { withExtensions?: boolean } = {}) {
  assertPlatformAdmin(ctx.actor);
  await dbOf(ctx).$transaction(async (tx) => {
    const tenant = await findTenant(tx, ctx.actor, id, 'write');
    const exts = await tx.extension.findMany({
      where: { tenantId: tenant.id },
      select: { endpointId: true, authId: true, aorId: true, voicemailId: true },
    });
    if (exts.length && !options.withExtensions)
      throw conflict(`The tenant still has ${exts.length} extensions; confirm to delete them too`, {
        withExtensions: ['must be confirmed to delete the tenant with its extensions'],
      });
    await deleteSipRows(
      tx,
      exts,
      exts.flatMap((e) => (e.voicemailId ? [e.voicemailId] : [])),
    );
    await tx.extension.deleteMany({ where: { tenantId: tenant.id } });
    // Its DIDs go by the foreign key's cascade; MySQL checks the main number's key row by row,
    // mid-cascade, and would refuse to remove the DID the tenant still names.
    if (tenant.mainDidId) await tx.tenant.update({ where: { id: tenant.id }, data: { mainDidId: null } });
    await tx.tenant.delete({ where: { id: tenant.id } });
    await recordAudit(tx, ctx.actor, {
      action: 'tenant.delete',
      tenantId: tenant.id,
      targetType: 'tenant',
      targetId: tenant.id,
      targetLabel: tenant.slug,
      before: { ...tenantAuditView(tenant), extensionsDeleted: exts.length },
    });
  }, LONG_TRANSACTION);
}
