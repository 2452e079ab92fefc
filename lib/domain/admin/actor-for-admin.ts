import type { Tx } from '../../db/client.ts';
import type { Actor } from '../actor.ts';

/**
 * The actor for a signed-in admin, read fresh on every request: a disabled account or a changed
 * role takes effect at once, whatever the session cookie still says.
 */
export async function actorForAdmin(db: Tx, adminId: string): Promise<Actor | null> {
  if (!/^[0-9a-f-]{36}$/i.test(adminId)) return null;
  const user = await db.adminUser.findUnique({ where: { id: adminId } });
  if (!user || user.disabled) return null;
  return { type: 'admin', id: user.id, label: user.email, role: user.role, tenantId: user.tenantId };
}
