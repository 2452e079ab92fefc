import { recordAudit } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { parseInput } from '../parse.ts';
import { findTenant } from '../tenant/get-tenant.ts';
import { assertTokenScope } from './access.ts';
import { tokenCreateInput, type TokenCreateInput } from './schemas.ts';
import { DISPLAY_PREFIX_LENGTH, generateToken, hashToken } from './secret.ts';
import { toTokenView, tokenAuditView, type TokenView } from './view.ts';

const DAY_MS = 86_400_000;

/** Creates an API token. The token itself is in this answer only; the database keeps its hash. */
export async function createApiToken(ctx: Ctx, input: TokenCreateInput): Promise<{ token: string; view: TokenView }> {
  const values = parseInput(tokenCreateInput, input);
  const tenantId = values.tenantId ?? null;
  assertTokenScope(ctx.actor, tenantId, 'write');
  return dbOf(ctx).$transaction(async (tx) => {
    // Resolves the tenant through the actor's reach, so another tenant's id is "not found".
    if (tenantId) await findTenant(tx, ctx.actor, tenantId, 'write');
    const token = generateToken();
    const row = await tx.apiToken.create({
      data: {
        name: values.name,
        tenantId,
        access: values.access,
        tokenHash: hashToken(token),
        tokenPrefix: token.slice(0, DISPLAY_PREFIX_LENGTH),
        rateLimitPerMinute: values.rateLimitPerMinute ?? null,
        expiresAt: values.expiresInDays ? new Date(Date.now() + values.expiresInDays * DAY_MS) : null,
        createdBy: ctx.actor.label,
      },
    });
    const view = toTokenView(row);
    await recordAudit(tx, ctx.actor, {
      action: 'api_token.create',
      tenantId,
      targetType: 'api_token',
      targetId: row.id,
      targetLabel: row.name,
      after: tokenAuditView(view),
    });
    return { token, view };
  });
}
