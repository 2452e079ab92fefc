import { clientAddressOf } from '../next/sign-in.ts';
import { PEER_HEADER } from '../next/peer-stamp.ts';
import { METHODS, type Method, type Operation } from './operation.ts';
import { methodNotAllowed, serve } from './pipeline.ts';

type RouteContext = { params: Promise<Record<string, string | string[]>> };
type Handler = (request: Request, context: RouteContext) => Promise<Response>;

/**
 * The exports of one route.ts: each operation under its method, every other method a 405
 * problem document that lists the allowed ones.
 */
export function routeHandlers(...ops: Operation[]): Record<Method, Handler> {
  const allowed = ops.map((o) => o.method);
  const out = {} as Record<Method, Handler>;
  for (const method of METHODS) {
    const op = ops.find((o) => o.method === method);
    out[method] = op
      ? async (request, context) => {
          const raw = (await context.params) ?? {};
          const params = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]));
          const address = clientAddressOf({ [PEER_HEADER]: request.headers.get(PEER_HEADER) ?? undefined, 'x-forwarded-for': request.headers.get('x-forwarded-for') ?? undefined });
          return serve(op, { request, params, address });
        }
      : async (request) => methodNotAllowed(request.method, allowed);
  }
  return out;
}
