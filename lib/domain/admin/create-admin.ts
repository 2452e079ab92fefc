import { isUniqueViolation } from '../../db/errors.ts';
import { conflict, notFound } from '../../errors.ts';
import { assertPlatformAdmin } from '../actor.ts';
import { recordAudit } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { parseInput } from '../parse.ts';
import { generatePassword, hashPassword } from './password.ts';
import { adminCreateRules } from './rules.ts';
import type { AdminCreateInput } from './schemas.ts';

const TAKEN = 'is already used by another admin';

/** Creates an admin account; a password is generated (and returned once) unless one is given. */
export async function createAdmin(ctx: Ctx, input: AdminCreateInput) {
  assertPlatformAdmin(ctx.actor);
  const values = parseInput(adminCreateRules, input);
  const password = values.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  try {
    const admin = await dbOf(ctx).$transaction(async (tx) => {
      if (await tx.adminUser.count({ where: { email: values.email } })) throw conflict(`${values.email} ${TAKEN}`, { email: [TAKEN] });
      if (values.tenantId && !(await tx.tenant.count({ where: { id: values.tenantId } }))) throw notFound('Tenant');
      const admin = await tx.adminUser.create({
        data: { email: values.email, name: values.name, role: values.role, tenantId: values.tenantId ?? null, passwordHash },
      });
      await recordAudit(tx, ctx.actor, {
        action: 'admin.create',
        tenantId: admin.tenantId,
        targetType: 'admin',
        targetId: admin.id,
        targetLabel: admin.email,
        after: { email: admin.email, name: admin.name, role: admin.role, tenantId: admin.tenantId },
      });
      return admin;
    });
    return { admin, password, passwordGenerated: !values.password };
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`${values.email} ${TAKEN}`, { email: [TAKEN] });
    throw err;
  }
}
