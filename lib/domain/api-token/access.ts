import { forbidden } from '../../errors.ts';
import { assertPlatformAdmin, assertTenantAccess, type Actor, type Role } from '../actor.ts';
import type { TokenAccess } from './schemas.ts';

/** A token acts as the admin it stands in for: platform or one tenant, read-only or read-write. */
export function roleForToken(tenantId: string | null, access: TokenAccess): Role {
  if (access === 'read') return 'viewer';
  return tenantId ? 'tenant_admin' : 'platform_admin';
}

/**
 * Who may create, list or revoke the tokens of a scope: platform tokens are the platform admins'
 * (listed for platform-wide viewers too), a tenant's tokens that tenant's admins'. A token never
 * manages tokens: a leaked one must not be able to mint its own successors.
 */
export function assertTokenScope(actor: Actor, tenantId: string | null, mode: 'read' | 'write'): void {
  if (actor.type === 'api') throw forbidden('API tokens cannot manage API tokens');
  if (tenantId) return assertTenantAccess(actor, tenantId, mode);
  if (mode === 'write' || actor.tenantId !== null) assertPlatformAdmin(actor);
}
