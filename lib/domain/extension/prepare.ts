import { dialectOf } from '../../db/dialect.ts';
import type { SqlTx as Tx } from '../../db/sql.ts';
import { fieldErrorsFromZod, type FieldErrors } from '../../errors.ts';
import type { Tenant } from '../../generated/prisma/client.ts';
import { newRowId } from '../row-id.ts';
import { sipId } from '../sip/asterisk-rows.ts';
import { generateSecret } from '../sip/secret.ts';
import { callerIdChoice, callerIdNumberFor, loadTenantCallerIds } from './caller-id-rows.ts';
import { extensionRulesFor } from './rules.ts';
import type { ExtensionValues } from './schemas.ts';

export type PreparedExtension = {
  /** Its input's position in the batch. */
  index: number;
  id: string;
  values: ExtensionValues;
  sipId: string;
  /** The secret to show once; never stored in plaintext unless the tenant says so. */
  secret: string;
  secretGenerated: boolean;
  /** The DID picked as caller ID (null: the tenant's main number) and the number that gives. */
  callerIdDidId: string | null;
  callerIdNumber: string | null;
};

const IN_USE = 'is already in use in this tenant';

export type PrepareOptions = {
  /** A number the tenant already has: an error (the default), or left out and listed in `present`. */
  existing?: 'error' | 'skip';
  /** Return the valid rows even when others have errors (an import that writes what it can). */
  keepValid?: boolean;
  /** How a message names another row of the batch: `row <index + 1> of this batch` unless told (a file's line, say). */
  rowName?: (index: number) => string;
};

/**
 * Validates a batch against the tenant's rules, against itself and against what the database
 * already holds (ours and Asterisk's rows), and returns either the prepared rows or every
 * problem keyed `<index>.<field>`. Two queries, whatever the batch size.
 */
export async function prepareExtensions(
  tx: Tx,
  tenant: Tenant,
  inputs: unknown[],
  options: PrepareOptions = {},
): Promise<{ prepared: PreparedExtension[]; errors: FieldErrors; present: number[] }> {
  const rowName = options.rowName ?? ((i: number) => `row ${i + 1} of this batch`);
  const schema = extensionRulesFor(tenant);
  const errors: FieldErrors = {};
  const prepared: PreparedExtension[] = [];
  const firstIndexOf = new Map<string, number>();
  const callerIds = await loadTenantCallerIds(tx, tenant);

  inputs.forEach((input, i) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      Object.assign(errors, fieldErrorsFromZod(parsed.error, `${i}.`));
      // A later row with the same number is a duplicate still: fixing this one would make it one.
      const number = (input as { number?: unknown } | null)?.number;
      if (typeof number === 'string' && /^[0-9]+$/.test(number.trim()) && !firstIndexOf.has(number.trim())) firstIndexOf.set(number.trim(), i);
      return;
    }
    const values = parsed.data;
    const seen = firstIndexOf.get(values.number);
    if (seen !== undefined) {
      errors[`${i}.number`] = [`duplicates ${rowName(seen)}`];
      return;
    }
    firstIndexOf.set(values.number, i);
    const choice = callerIdChoice(callerIds, values.callerId);
    if ('error' in choice) {
      errors[`${i}.callerId`] = [choice.error];
      return;
    }
    const callerIdDidId = choice.didId ?? null;
    const secret = values.secret ?? generateSecret();
    prepared.push({
      index: i,
      id: newRowId(),
      values,
      sipId: sipId(values.number, tenant.sipDomain),
      secret,
      secretGenerated: !values.secret,
      callerIdDidId,
      callerIdNumber: callerIdNumberFor(callerIds, callerIdDidId),
    });
  });

  const present: number[] = [];
  let kept = prepared;
  if (prepared.length) {
    const numbers = prepared.map((p) => p.values.number);
    const ids = prepared.map((p) => p.sipId);
    // One parameter however large the batch (an import has 100,000 rows).
    const d = dialectOf(tx);
    const [ours, asterisks] = await Promise.all([
      tx.$queryRaw<{ number: string }[]>`
        SELECT number FROM sb_extensions WHERE tenant_id = ${d.uuid(tenant.id)} AND ${d.inList('number', numbers, 'text')}`,
      // A row an operator made by hand in Asterisk's tables must not be overwritten either.
      tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM ps_endpoints WHERE ${d.inList('id', ids, 'text')}
        UNION SELECT id FROM ps_auths WHERE ${d.inList('id', ids, 'text')}
        UNION SELECT id FROM ps_aors WHERE ${d.inList('id', ids, 'text')}`,
    ]);
    const skip = options.existing === 'skip' ? new Set(ours.map((o) => o.number)) : new Set<string>();
    const taken = new Set([...ours.map((o) => o.number), ...asterisks.map((a) => a.id.split('@')[0])]);
    for (const p of prepared) {
      if (skip.has(p.values.number)) present.push(p.index);
      else if (taken.has(p.values.number)) errors[`${p.index}.number`] = [IN_USE];
    }
    if (present.length || options.keepValid) kept = prepared.filter((p) => !skip.has(p.values.number) && !errors[`${p.index}.number`]);
  }
  return { prepared: Object.keys(errors).length && !options.keepValid ? [] : kept, errors, present };
}
