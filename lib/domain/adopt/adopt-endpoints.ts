import { LONG_TRANSACTION } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { conflict } from '../../errors.ts';
import { assertPlatformAdmin } from '../actor.ts';
import { recordAudit } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { findTenant } from '../tenant/get-tenant.ts';
import { parseAdoption, planIn, type AdoptionPlan } from './plan-adoption.ts';
import type { AdoptOptions, AdoptSelection } from './schemas.ts';
import { writeAdoption } from './write-adoption.ts';

export type AdoptionResult = {
  /** planned: a dry run; stopped: conflicts, nothing written; adopted: written (conflicts skipped, if any). */
  status: 'planned' | 'stopped' | 'adopted';
  plan: AdoptionPlan;
  adopted: number;
};

/**
 * Adopts existing endpoints into a tenant: the plan of planAdoption, then, in one transaction,
 * our records for every endpoint the plan adopts. Asterisk's rows stay as they are unless
 * `convertSecrets` or `setContext` asks otherwise, so a phone keeps registering and calling as
 * before. A conflict stops the whole adoption unless `skipConflicts` leaves those endpoints out.
 */
export async function adoptEndpoints(
  ctx: Ctx,
  tenantRef: string,
  selection: AdoptSelection,
  options: AdoptOptions = {},
  progress: { onProgress?: (done: number, total: number) => void } = {},
): Promise<AdoptionResult> {
  assertPlatformAdmin(ctx.actor);
  const parsed = parseAdoption(selection, options);
  const db = dbOf(ctx);
  if (parsed.options.dryRun) {
    const tenant = await findTenant(db, ctx.actor, tenantRef, 'write');
    return { status: 'planned', plan: await planIn(db, tenant, parsed), adopted: 0 };
  }
  try {
    return await db.$transaction(async (tx) => {
      const tenant = await findTenant(tx, ctx.actor, tenantRef, 'write');
      const plan = await planIn(tx, tenant, parsed);
      if (plan.counts.conflict && !parsed.options.skipConflicts) return { status: 'stopped' as const, plan, adopted: 0 };
      const chosen = plan.items.filter((i) => i.action === 'adopt');
      const adopted = await writeAdoption(tx, ctx.actor, tenant, chosen, progress.onProgress);
      if (adopted || plan.counts.conflict)
        await recordAudit(tx, ctx.actor, {
          action: 'tenant.adopt',
          tenantId: tenant.id,
          targetType: 'tenant',
          targetId: tenant.id,
          targetLabel: tenant.slug,
          after: {
            adopted,
            skipped: plan.counts.skip,
            conflictsSkipped: plan.counts.conflict,
            options: plan.options,
            // Enough to find them again; every adopted one has its own extension.adopt entry.
            notAdopted: plan.items.filter((i) => i.action !== 'adopt').slice(0, 100).map((i) => ({ endpointId: i.endpointId, action: i.action, reasons: i.reasons })),
          },
        });
      return { status: 'adopted' as const, plan, adopted };
    }, LONG_TRANSACTION);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('Some of these endpoints or numbers were taken while the adoption was being written; nothing was adopted');
    throw err;
  }
}
