import { dbOf, type Ctx } from '../context.ts';
import { findTenant } from '../tenant/get-tenant.ts';
import { assertTokenScope } from './access.ts';
import { toTokenView, type TokenView } from './view.ts';

/** The tokens of one scope (a tenant, or the platform when tenantId is null), newest first. */
export async function listApiTokens(ctx: Ctx, tenantId: string | null): Promise<TokenView[]> {
  assertTokenScope(ctx.actor, tenantId, 'read');
  const db = dbOf(ctx);
  const tenant = tenantId ? await findTenant(db, ctx.actor, tenantId, 'read') : null;
  const rows = await db.apiToken.findMany({
    where: { tenantId: tenant?.id ?? null },
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
    take: 500,
  });
  const now = new Date();
  return rows.map((r) => toTokenView(r, now));
}
