import { AppError, notFound } from '../../errors.ts';
import { assertPlatformAdmin } from '../actor.ts';
import { recordAudit } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { isUuid } from '../ids.ts';
import { parseInput } from '../parse.ts';
import { generatePassword, hashPassword } from './password.ts';
import { adminUpdateInput, type AdminUpdateInput } from './schemas.ts';
import { endAdminSessions } from './sessions.ts';

const view = (a: { email: string; name: string; role: string; tenantId: string | null; disabled: boolean }) => ({
  email: a.email, name: a.name, role: a.role, tenantId: a.tenantId, disabled: a.disabled,
});

/**
 * Role, tenant, name or disabled flag of an admin. The last active platform admin stays one. A new
 * role or tenant, or disabling, ends the admin's sessions: they sign in again under the new terms.
 */
export async function updateAdmin(ctx: Ctx, id: string, input: AdminUpdateInput) {
  assertPlatformAdmin(ctx.actor);
  const patch = parseInput(adminUpdateInput, input);
  if (!isUuid(id)) throw notFound('Admin');
  return dbOf(ctx).$transaction(async (tx) => {
    const before = await tx.adminUser.findUnique({ where: { id } });
    if (!before) throw notFound('Admin');
    const role = patch.role ?? before.role;
    const tenantId = role === 'platform_admin' ? null : patch.tenantId === undefined ? before.tenantId : patch.tenantId;
    if (role === 'tenant_admin' && !tenantId)
      throw new AppError('validation', 'A tenant admin needs a tenant', { tenantId: ['a tenant admin needs a tenant'] });
    const losesPlatform = before.role === 'platform_admin' && !before.disabled && (role !== 'platform_admin' || patch.disabled);
    if (losesPlatform && (await tx.adminUser.count({ where: { role: 'platform_admin', disabled: false } })) <= 1)
      throw new AppError('conflict', 'This is the last active platform admin; create another one first');
    const after = await tx.adminUser.update({
      where: { id },
      data: { ...(patch.name ? { name: patch.name } : {}), role, tenantId, ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}) },
    });
    await recordAudit(tx, ctx.actor, {
      action: 'admin.update',
      tenantId: after.tenantId,
      targetType: 'admin',
      targetId: id,
      targetLabel: after.email,
      before: view(before),
      after: view(after),
    });
    if (after.disabled && !before.disabled) await endAdminSessions(tx, ctx.actor, after, 'disabled');
    else if (after.role !== before.role || after.tenantId !== before.tenantId) await endAdminSessions(tx, ctx.actor, after, 'role_change');
    return after;
  });
}

/** Sets a new generated password, returned once, and ends the admin's sessions. */
export async function resetAdminPassword(ctx: Ctx, id: string) {
  assertPlatformAdmin(ctx.actor);
  if (!isUuid(id)) throw notFound('Admin');
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await dbOf(ctx).$transaction(async (tx) => {
    const admin = await tx.adminUser.findUnique({ where: { id } });
    if (!admin) throw notFound('Admin');
    await tx.adminUser.update({ where: { id }, data: { passwordHash } });
    await recordAudit(tx, ctx.actor, {
      action: 'admin.password_reset',
      tenantId: admin.tenantId,
      targetType: 'admin',
      targetId: id,
      targetLabel: admin.email,
    });
    await endAdminSessions(tx, ctx.actor, admin, 'password_reset');
  });
  return { password };
}
