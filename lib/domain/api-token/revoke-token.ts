import { notFound } from '../../errors.ts';
import { tenantScope } from '../actor.ts';
import { recordAudit } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { isUuid } from '../ids.ts';
import { assertTokenScope } from './access.ts';
import { toTokenView, tokenAuditView } from './view.ts';

/** Revokes a token at once: its next request is refused. Revoking twice changes nothing. */
export async function revokeApiToken(ctx: Ctx, id: string) {
  if (!isUuid(id)) throw notFound('API token');
  return dbOf(ctx).$transaction(async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { id } });
    const scope = tenantScope(ctx.actor);
    // Another tenant's token is "not found", as everywhere.
    if (!row || (scope !== undefined && row.tenantId !== scope)) throw notFound('API token');
    assertTokenScope(ctx.actor, row.tenantId, 'write');
    if (row.revokedAt) return toTokenView(row);
    const revoked = await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date(), revokedBy: ctx.actor.label } });
    const view = toTokenView(revoked);
    await recordAudit(tx, ctx.actor, {
      action: 'api_token.revoke',
      tenantId: row.tenantId,
      targetType: 'api_token',
      targetId: row.id,
      targetLabel: row.name,
      before: tokenAuditView(toTokenView(row)),
    });
    return view;
  });
}
