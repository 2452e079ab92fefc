import type { Db, Tx } from '../../db/client.ts';
import type { Actor } from '../actor.ts';
import { recordAudit } from '../audit/record.ts';
import { actorForSession } from './actor-for-admin.ts';

export type SessionEndReason = 'sign_out' | 'password_reset' | 'role_change' | 'disabled';

/**
 * Ends every session of an admin (see actorForSession), inside the caller's transaction, with an
 * audit record that says why.
 */
export async function endAdminSessions(
  tx: Tx,
  actor: Actor,
  admin: { id: string; email: string; tenantId: string | null },
  reason: SessionEndReason,
): Promise<void> {
  await tx.adminUser.update({ where: { id: admin.id }, data: { sessionVersion: { increment: 1 } } });
  await recordAudit(tx, actor, {
    action: 'admin.sessions_ended',
    tenantId: admin.tenantId,
    targetType: 'admin',
    targetId: admin.id,
    targetLabel: admin.email,
    after: { reason },
  });
}

/**
 * Signing out ends every session of the admin, not only the one in this browser: a copied cookie
 * must not outlive the sign-out. Only a session that is still live can do this, so an old cookie
 * (ended already) cannot be replayed to sign the admin out again and again.
 */
export async function signOutAdmin(db: Db, session: { adminId: string; sessionVersion: number }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const actor = await actorForSession(tx, session);
    if (!actor) return false;
    const bumped = await tx.adminUser.updateMany({
      where: { id: session.adminId, sessionVersion: session.sessionVersion },
      data: { sessionVersion: { increment: 1 } },
    });
    if (bumped.count === 0) return false;
    await recordAudit(tx, actor, {
      action: 'admin.sign_out',
      tenantId: actor.tenantId,
      targetType: 'admin',
      targetId: actor.id,
      targetLabel: actor.label,
    });
    return true;
  });
}
