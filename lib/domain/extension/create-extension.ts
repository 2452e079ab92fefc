import { isUniqueViolation } from '../../db/errors.ts';
import { sqlTransaction } from '../../db/sql.ts';
import { AppError, conflict, validationError, type FieldErrors } from '../../errors.ts';
import { dbOf, type Ctx } from '../context.ts';
import { findTenant } from '../tenant/get-tenant.ts';
import { insertExtensions } from './insert-rows.ts';
import { prepareExtensions } from './prepare.ts';
import type { ExtensionInput } from './schemas.ts';
import type { ExtensionView } from './view.ts';

export type CreatedExtension = { extension: ExtensionView; secret: string; secretGenerated: boolean };

const IN_USE = 'is already in use in this tenant';

/** Creates one phone account: endpoint, auth, aor (+ mailbox) and our record, in one transaction. */
export async function createExtension(ctx: Ctx, tenantId: string, input: ExtensionInput): Promise<CreatedExtension> {
  try {
    // Raw SQL end to end, so on a plain SQL transaction: no Prisma round trips on the way.
    return await sqlTransaction(dbOf(ctx), async (tx) => {
      const tenant = await findTenant(tx, ctx.actor, tenantId, 'write');
      const { prepared, errors } = await prepareExtensions(tx, tenant, [input]);
      if (!prepared.length) throw singleRowError(errors);
      const [extension] = await insertExtensions(tx, ctx.actor, tenant, prepared);
      return { extension, secret: prepared[0].secret, secretGenerated: prepared[0].secretGenerated };
    });
  } catch (err) {
    // Two admins creating the same number at once: the loser gets the same answer as a duplicate.
    if (isUniqueViolation(err)) throw conflict(`Number ${IN_USE}`, { number: [IN_USE] });
    throw err;
  }
}

function singleRowError(errors: FieldErrors): AppError {
  const fields: FieldErrors = {};
  for (const [key, messages] of Object.entries(errors)) fields[key.replace(/^0\./, '')] = messages;
  if (fields.number?.includes(IN_USE)) return conflict(`Number ${IN_USE}`, fields);
  return validationError(fields);
}
