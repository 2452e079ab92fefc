import { isUniqueViolation } from '../../db/errors.ts';
import { LONG_TRANSACTION, type Tx } from '../../db/client.ts';
import { conflict, validationError } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { rewriteMainNumberFollowers } from '../extension/caller-id-rows.ts';
import { dbOf, type Ctx } from '../context.ts';
import { parseInput } from '../parse.ts';
import { toE164 } from '../phone/numbers.ts';
import { findTenant } from '../tenant/get-tenant.ts';
import { didInput, type DidInput } from './schemas.ts';
import type { z } from 'zod';
import type { Actor } from '../actor.ts';

const TAKEN = 'is already assigned (DIDs are unique across tenants)';

/** Assigns an inbound number to a tenant, optionally ringing one of its extensions. */
export async function addDid(ctx: Ctx, tenantId: string, input: DidInput) {
  const values = parseInput(didInput, input);
  try {
    return await dbOf(ctx).$transaction(async (tx) => {
      const tenant = await findTenant(tx, ctx.actor, tenantId, 'write');
      return insertDid(tx, ctx.actor, tenant, values, 'number');
    }, LONG_TRANSACTION); // the first number is every extension's caller ID: as many rows rewritten
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`This number ${TAKEN}`, { number: [TAKEN] });
    throw err;
  }
}

type DidTenant = { id: string; defaultCountry: string; mainDidId: string | null };

/**
 * Adds a DID inside the caller's transaction (a new tenant's first number, say); `field` names
 * the input field in errors.
 */
export async function insertDid(tx: Tx, actor: Actor, tenant: DidTenant, values: z.output<typeof didInput>, field: string) {
  const e164 = toE164(values.number, tenant.defaultCountry);
  if (!e164) throw validationError({ [field]: [`is not a valid phone number in ${tenant.defaultCountry}`] });
  if (await tx.did.count({ where: { e164 } })) throw conflict(`${e164} ${TAKEN}`, { [field]: [TAKEN] });
  const extensionId = await destination(tx, tenant.id, values.extensionNumber);
  const did = await tx.did.create({ data: { tenantId: tenant.id, e164, extensionId, label: values.label ?? null } });
  // A tenant's first number becomes its main number at once: until then its outside calls
  // were refused (no_caller_id) and its emergency calls carried only the extension number.
  const becomesMain = !tenant.mainDidId;
  if (becomesMain) {
    await tx.tenant.update({ where: { id: tenant.id }, data: { mainDidId: did.id } });
    await rewriteMainNumberFollowers(tx, tenant.id, e164);
  }
  await recordAudit(tx, actor, {
    action: 'did.create',
    tenantId: tenant.id,
    targetType: 'did',
    targetId: did.id,
    targetLabel: e164,
    after: { e164, extensionNumber: values.extensionNumber ?? null, label: did.label, mainNumber: becomesMain },
  });
  return did;
}

export async function destination(tx: Tx, tenantId: string, number: string | null | undefined): Promise<string | null> {
  if (!number) return null;
  const ext = await tx.extension.findFirst({ where: { tenantId, number }, select: { id: true } });
  if (!ext) throw validationError({ extensionNumber: ['is not an extension of this tenant'] });
  return ext.id;
}
