import { LONG_TRANSACTION } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, conflict, validationError, type FieldErrors } from '../../errors.ts';
import { dbOf, type Ctx } from '../context.ts';
import { findTenant } from '../tenant/get-tenant.ts';
import { insertExtensions } from './insert-rows.ts';
import { prepareExtensions } from './prepare.ts';

export const BULK_MAX = 20_000;
const CHUNK = 1_000;

export type BulkProgress = (done: number, total: number) => void;
export type BulkResult = { created: number; secrets: { number: string; secret: string }[] };

/**
 * Creates many extensions in one transaction: every row is valid and lands, or none does. Errors
 * are reported for every bad row at once, keyed `rows.<index>.<field>`.
 */
export async function bulkCreateExtensions(
  ctx: Ctx,
  tenantId: string,
  rows: unknown[],
  options: { onProgress?: BulkProgress } = {},
): Promise<BulkResult> {
  if (!Array.isArray(rows) || rows.length === 0)
    throw new AppError('validation', 'Nothing to create: the list of extensions is empty', { rows: ['is empty'] });
  if (rows.length > BULK_MAX)
    throw new AppError('validation', `At most ${BULK_MAX} extensions per request`, { rows: ['too many rows'] });
  try {
    return await dbOf(ctx).$transaction(async (tx) => {
      const tenant = await findTenant(tx, ctx.actor, tenantId, 'write');
      const { prepared, errors } = await prepareExtensions(tx, tenant, rows);
      if (!prepared.length) throw batchError(errors);
      for (let i = 0; i < prepared.length; i += CHUNK) {
        await insertExtensions(tx, ctx.actor, tenant, prepared.slice(i, i + CHUNK));
        options.onProgress?.(Math.min(i + CHUNK, prepared.length), prepared.length);
      }
      return { created: prepared.length, secrets: prepared.map((p) => ({ number: p.values.number, secret: p.secret })) };
    }, LONG_TRANSACTION);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('Some numbers were taken while the batch was being written; nothing was created');
    throw err;
  }
}

function batchError(errors: FieldErrors): AppError {
  const fields: FieldErrors = {};
  for (const [key, messages] of Object.entries(errors)) fields[`rows.${key}`] = messages;
  const badRows = new Set(Object.keys(errors).map((k) => k.split('.')[0])).size;
  return validationError(fields, `${badRows} row${badRows === 1 ? '' : 's'} cannot be created; nothing was written`);
}
