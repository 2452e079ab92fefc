import 'server-only';
import { getDb } from '../db/client.ts';
import type { Ctx } from '../domain/context.ts';
import { isAppError, type ErrorCode, type FieldErrors } from '../errors.ts';
import { log } from '../log.ts';
import { currentActor } from './session.ts';

export type ActionError = { ok: false; code: ErrorCode | 'internal'; message: string; fieldErrors?: FieldErrors };
export type ActionResult<T = undefined> = { ok: true; data: T } | ActionError;

/**
 * Runs a server action's use case for the signed-in admin. Next hides thrown messages in
 * production, so expected failures come back as a result the form can show, field by field.
 */
export async function runAction<T>(name: string, fn: (ctx: Ctx) => Promise<T>): Promise<ActionResult<T>> {
  const actor = await currentActor();
  if (!actor) return { ok: false, code: 'unauthenticated', message: 'Your session has ended. Sign in again.' };
  try {
    return { ok: true, data: await fn({ actor, db: getDb() }) };
  } catch (err) {
    if (isAppError(err)) return { ok: false, code: err.code, message: err.message, fieldErrors: err.fieldErrors };
    log.error('action failed', { action: name, actor: actor.label, err });
    return { ok: false, code: 'internal', message: 'Something went wrong. It was logged; please try again.' };
  }
}
