import type { Tx } from '../../db/client.ts';
import { dialectOf } from '../../db/dialect.ts';
import { sqlRows, type SqlTx } from '../../db/sql.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { validationError } from '../../errors.ts';
import { toE164 } from '../phone/numbers.ts';
import { callerIdSetVar, chooseCallerId, type CallerIdDid } from './caller-id.ts';

/** A tenant's DIDs and main number, as the caller-ID rule needs them inside one transaction. */
export type TenantCallerIds = {
  tenant: { id: string; mainDidId: string | null; defaultCountry: string };
  byId: Map<string, CallerIdDid>;
  byE164: Map<string, CallerIdDid>;
};

export async function loadTenantCallerIds(tx: SqlTx, tenant: TenantCallerIds['tenant']): Promise<TenantCallerIds> {
  const d = dialectOf(tx);
  const dids = await sqlRows<CallerIdDid>(tx, Prisma.sql`
    SELECT ${d.cast('id', 'text')} AS id, ${d.cast('tenant_id', 'text')} AS "tenantId", e164 FROM sb_dids WHERE tenant_id = ${d.uuid(tenant.id)}`);
  return { tenant, byId: new Map(dids.map((d) => [d.id, d])), byE164: new Map(dids.map((d) => [d.e164, d])) };
}

/** The E.164 number an extension with this choice presents, or null when the tenant has no DID. */
export const callerIdNumberFor = (ids: TenantCallerIds, callerIdDidId: string | null) =>
  chooseCallerId({ tenantId: ids.tenant.id, callerIdDidId }, ids.tenant, (id) => ids.byId.get(id))?.e164 ?? null;

export const NOT_A_TENANT_DID = 'is not an inbound number of this tenant';

/**
 * The DID id an extension's `callerId` input names: undefined keeps the current choice, null or
 * empty follows the tenant's main number, a number (any format of the tenant's country) must be
 * one of the tenant's DIDs. Returns an error message for the field instead of throwing, so a batch
 * can report every row.
 */
export function callerIdChoice(ids: TenantCallerIds, input: string | null | undefined): { didId: string | null | undefined } | { error: string } {
  if (input === undefined) return { didId: undefined };
  if (input === null || input.trim() === '') return { didId: null };
  const e164 = toE164(input, ids.tenant.defaultCountry);
  const did = e164 ? ids.byE164.get(e164) : undefined;
  return did ? { didId: did.id } : { error: NOT_A_TENANT_DID };
}

export function callerIdChoiceOrThrow(ids: TenantCallerIds, input: string | null | undefined): string | null | undefined {
  const choice = callerIdChoice(ids, input);
  if ('error' in choice) throw validationError({ callerId: [choice.error] });
  return choice.didId;
}

/**
 * Rewrites set_var of every extension of the tenant that follows the main number, in one
 * statement: call it in the transaction that changed the main number. Extensions with their own
 * pick keep it (removing a DID in use is refused, so their pick still exists).
 */
export async function rewriteMainNumberFollowers(tx: Tx, tenantId: string, mainE164: string | null): Promise<number> {
  const followers = Prisma.sql`SELECT endpoint_id FROM sb_extensions WHERE tenant_id = ${dialectOf(tx).uuid(tenantId)} AND caller_id_did_id IS NULL`;
  // MySQL has no ARRAY(...); its IN (subquery) on another table reads the id index anyway.
  return dialectOf(tx).engine === 'mariadb'
    ? tx.$executeRaw`UPDATE ps_endpoints SET set_var = ${callerIdSetVar(mainE164)} WHERE id IN (${followers})`
    : tx.$executeRaw`UPDATE ps_endpoints SET set_var = ${callerIdSetVar(mainE164)} WHERE id = ANY (ARRAY(${followers}))`;
}

/*
 * Why `id = ANY (ARRAY(...))` and not `UPDATE ... FROM sb_extensions`: the ids are gathered once
 * and ps_endpoints is reached through its id index whatever the statistics say. Right after a bulk
 * create (stale statistics, "1 row") the join was planned as a nested loop over all of
 * ps_endpoints per extension: seconds for 1,000 extensions in a database of 100,000.
 */
