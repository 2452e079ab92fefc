import { AppError, forbidden, notFound } from '../errors.ts';

export type Role = 'platform_admin' | 'tenant_admin' | 'viewer';
export type ActorType = 'admin' | 'api' | 'cli' | 'system' | 'directory';

/**
 * Who is acting. Every service takes one and scopes its queries by it, so the portal, the API,
 * the CLI and the AGI server share one authorisation rule. Services never read sessions.
 */
export type Actor = {
  type: ActorType;
  id: string | null;
  label: string;
  role: Role;
  /** null for platform admins (and platform-wide viewers). */
  tenantId: string | null;
};

export const systemActor = (label: string, type: ActorType = 'system'): Actor => ({
  type,
  id: null,
  label,
  role: 'platform_admin',
  tenantId: null,
});

/** The tenant filter for a query: undefined means "every tenant". */
export function tenantScope(actor: Actor): string | undefined {
  return actor.role === 'platform_admin' || actor.tenantId === null ? undefined : actor.tenantId;
}

/**
 * Another tenant's data is reported as not found, never as forbidden, so ids of other tenants
 * cannot be probed.
 */
export function assertTenantAccess(actor: Actor, tenantId: string, mode: 'read' | 'write', what = 'Tenant'): void {
  const scope = tenantScope(actor);
  if (scope !== undefined && scope !== tenantId) throw notFound(what);
  if (mode === 'write') assertCanWrite(actor);
}

export function assertCanWrite(actor: Actor): void {
  if (actor.role === 'viewer') throw forbidden('Viewers have read-only access');
}

export function assertPlatformAdmin(actor: Actor): void {
  if (actor.role !== 'platform_admin') throw new AppError('forbidden', 'Only platform admins can do this');
}
