import type { Tx } from '../../db/client.ts';
import { validationError } from '../../errors.ts';
import type { Tenant } from '../../generated/prisma/client.ts';
import { assertPlatformAdmin } from '../actor.ts';
import { dbOf, type Ctx } from '../context.ts';
import { parseInput } from '../parse.ts';
import { findTenant } from '../tenant/get-tenant.ts';
import { loadEndpoints, loadMailboxes, mailboxCandidates } from './load-endpoints.ts';
import { countItems, planItems, type PlanItem } from './plan.ts';
import { globToLike, numberFromId } from './rules.ts';
import { adoptOptions, adoptSelection, type AdoptOptions, type AdoptOptionValues, type AdoptSelection } from './schemas.ts';

export type AdoptionPlan = {
  tenant: { id: string; slug: string; name: string; context: string; sipDomain: string };
  options: Omit<AdoptOptionValues, 'dryRun'>;
  items: PlanItem[];
  counts: { adopt: number; skip: number; conflict: number };
};

export type ParsedAdoption = { selection: ReturnType<typeof adoptSelection.parse>; options: AdoptOptionValues };

/** Selection and options checked at the door, before any query. */
export function parseAdoption(selection: AdoptSelection, options: AdoptOptions): ParsedAdoption {
  return { selection: parseInput(adoptSelection, selection), options: parseInput(adoptOptions, options) };
}

/**
 * What adopting these endpoints into the tenant would do, endpoint by endpoint. Writes nothing:
 * this is the dry run, always available. Platform admins only, since unowned rows belong to nobody.
 */
export async function planAdoption(ctx: Ctx, tenantRef: string, selection: AdoptSelection, options: AdoptOptions = {}): Promise<AdoptionPlan> {
  assertPlatformAdmin(ctx.actor);
  const parsed = parseAdoption(selection, options);
  const db = dbOf(ctx);
  const tenant = await findTenant(db, ctx.actor, tenantRef, 'write');
  return planIn(db, tenant, parsed);
}

/** The plan inside the caller's transaction (the adoption plans and writes in one). */
export async function planIn(tx: Tx, tenant: Tenant, { selection, options }: ParsedAdoption): Promise<AdoptionPlan> {
  if (options.convertSecrets && tenant.secretStorage === 'plaintext')
    throw validationError({ convertSecrets: [`tenant ${tenant.slug} stores SIP secrets in plaintext: change its secret storage first`] });
  const ids = selection.ids ? [...new Set(selection.ids)] : undefined;
  const { endpoints } = await loadEndpoints(tx, {
    context: selection.context,
    like: selection.match !== undefined ? globToLike(selection.match) : undefined,
    regex: selection.regex !== undefined ? new RegExp(selection.regex) : undefined,
    ids,
    // By pattern or context: the endpoints nobody owns. By name: every one, so each gets an answer.
    unownedOnly: !ids,
  });
  const found = new Set(endpoints.map((e) => e.id));
  const numberFrom = options.numberFrom ? new RegExp(options.numberFrom) : undefined;
  const numbers = endpoints.map((e) => numberFromId(e.id, numberFrom));
  const [mailboxes, taken] = await Promise.all([
    loadMailboxes(tx, endpoints.flatMap((e, i) => mailboxCandidates(e, numbers[i]))),
    tx.$queryRaw<{ number: string }[]>`
      SELECT number FROM sb_extensions WHERE tenant_id = ${tenant.id}::uuid AND number = ANY(${numbers.filter((n) => n !== null)}::text[])`,
  ]);
  const items = planItems(
    tenant,
    { endpoints, missing: (ids ?? []).filter((id) => !found.has(id)), mailboxes, tenantNumbers: new Set(taken.map((t) => t.number)) },
    { numberFrom, convertSecrets: options.convertSecrets, setContext: options.setContext },
  );
  const { dryRun: _dry, ...kept } = options;
  return {
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, context: tenant.context, sipDomain: tenant.sipDomain },
    options: kept,
    items,
    counts: countItems(items),
  };
}
