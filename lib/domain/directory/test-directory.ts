import { dbOf, type Ctx } from '../context.ts';
import { findTenant } from '../tenant/get-tenant.ts';
import type { DirectoryGateway } from './gateway.ts';
import type { DirectoryUser } from './plan.ts';
import { loadDirectory } from './settings.ts';

export type DirectoryTestResult =
  | { ok: true; message: string; users: number; withoutId: number; sample: DirectoryUser[] }
  | { ok: false; message: string };

/** "Test connection": reach, bind, search, and show what five users would become. */
export async function testDirectory(ctx: Ctx, tenantRef: string, gateway: DirectoryGateway): Promise<DirectoryTestResult> {
  const db = dbOf(ctx);
  const tenant = await findTenant(db, ctx.actor, tenantRef, 'write');
  const { conn, query } = await loadDirectory(db, tenant.id);
  const read = await gateway.read(conn, query);
  if ('error' in read) return { ok: false, message: read.error };
  if (read.entries === 0) return { ok: false, message: `Connected and signed in, but the filter matched nobody under ${query.baseDn}` };
  return {
    ok: true,
    message: `Connected: ${read.entries} users match${read.withoutId ? ` (${read.withoutId} without a ${query.mapping.idAttribute}, which cannot be synced)` : ''}`,
    users: read.entries,
    withoutId: read.withoutId,
    sample: read.users.slice(0, 5),
  };
}
