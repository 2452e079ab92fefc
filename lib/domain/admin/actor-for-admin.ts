import type { Tx } from '../../db/client.ts';
import type { Actor } from '../actor.ts';

const UUID = /^[0-9a-f-]{36}$/i;

/**
 * The actor for an admin, read fresh: a disabled account or a changed role takes effect at once,
 * whatever a session cookie still says.
 */
export async function actorForAdmin(db: Tx, adminId: string): Promise<Actor | null> {
  if (!UUID.test(adminId)) return null;
  const user = await db.adminUser.findUnique({ where: { id: adminId } });
  if (!user || user.disabled) return null;
  return { type: 'admin', id: user.id, label: user.email, role: user.role, tenantId: user.tenantId };
}

/**
 * The actor for a session, on every request: only while the session's version is still the
 * admin's. A session cookie is a stateless token that lives for hours; the version is what lets a
 * sign-out, a password reset, a role change or disabling end every copy of it at once.
 */
export async function actorForSession(db: Tx, session: { adminId: string; sessionVersion: number }): Promise<Actor | null> {
  if (!UUID.test(session.adminId) || !Number.isInteger(session.sessionVersion)) return null;
  const user = await db.adminUser.findUnique({ where: { id: session.adminId } });
  if (!user || user.disabled || user.sessionVersion !== session.sessionVersion) return null;
  return { type: 'admin', id: user.id, label: user.email, role: user.role, tenantId: user.tenantId };
}
