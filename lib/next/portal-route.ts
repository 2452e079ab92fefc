import 'server-only';
import { getDb } from '../db/client.ts';
import type { Ctx } from '../domain/context.ts';
import { statusOfCode } from '../api/problem.ts';
import { isAppError } from '../errors.ts';
import { log } from '../log.ts';
import { isSameOrigin } from './same-origin.ts';
import { currentActor } from './session.ts';

/** An expected refusal a route handler decides itself (a file too large, say), with its status. */
export class RouteError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export const jsonAnswer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });

/**
 * The portal's twin of lib/next/action.ts for route handlers (uploads and downloads, which server
 * actions cannot stream): the signed-in admin as the actor, POSTs only from our own pages, and
 * AppError mapped to a status with its message once. A signed-out GET (a download link) goes to
 * the sign-in page; anything unexpected is logged and answered with a generic message.
 */
export async function portalRoute(name: string, request: Request, handle: (ctx: Ctx) => Promise<Response>): Promise<Response> {
  const get = request.method === 'GET' || request.method === 'HEAD';
  if (!get && !isSameOrigin(request)) return jsonAnswer(403, { message: 'This request did not come from the portal; it was refused.' });
  const actor = await currentActor();
  if (!actor) return get ? new Response(null, { status: 303, headers: { location: '/signin' } }) : jsonAnswer(401, { message: 'Your session has ended. Sign in again.' });
  try {
    return await handle({ actor, db: getDb() });
  } catch (err) {
    if (err instanceof RouteError) return jsonAnswer(err.status, { message: err.message });
    if (isAppError(err)) return jsonAnswer(statusOfCode(err.code), { message: err.message, fieldErrors: err.fieldErrors });
    log.error('route failed', { route: name, actor: actor.label, err });
    return jsonAnswer(500, { message: 'Something went wrong. It was logged; please try again.' });
  }
}
