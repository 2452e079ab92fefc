import { z } from 'zod';
import { validationError } from '../../errors.ts';
import { dbOf, type Ctx } from '../context.ts';
import { parseInput } from '../parse.ts';
import { findTenant } from '../tenant/get-tenant.ts';
import { cleanDialled, decideInbound, decideOutbound, type Decision } from './decide.ts';
import { ROUTING_DID_FIELDS, ROUTING_EXTENSION_FIELDS, RoutingView, routingTenant } from './view.ts';

export const callTestInput = z.discriminatedUnion('direction', [
  z.object({
    direction: z.literal('outbound'),
    from: z.string().trim().regex(/^[0-9]+$/, 'an extension number'),
    dial: z.string().trim().min(1, 'is required').max(40, 'is too long'),
  }),
  z.object({ direction: z.literal('inbound'), did: z.string().trim().min(3, 'is required').max(40, 'is too long') }),
]);
export type CallTestInput = z.input<typeof callTestInput>;

/**
 * The call-policy tester: the AGI server's own decision, over a view of just this tenant, so an
 * admin sees exactly what a call would get, and why. Other tenants never enter the view.
 */
export async function explainCall(ctx: Ctx, tenantId: string, input: CallTestInput): Promise<Decision> {
  const q = parseInput(callTestInput, input);
  const db = dbOf(ctx);
  const tenant = await findTenant(db, ctx.actor, tenantId, 'read');
  const view = new RoutingView();
  view.putTenant(routingTenant(tenant));
  const select = ROUTING_EXTENSION_FIELDS;
  // Both directions need the DIDs: inbound calls ring them, outside calls present one as caller ID.
  const dids = await db.did.findMany({ where: { tenantId: tenant.id }, select: { ...ROUTING_DID_FIELDS, extension: { select } } });
  for (const { extension: _ringing, ...d } of dids) view.putDid(d);
  if (q.direction === 'inbound') {
    for (const d of dids) if (d.extension) view.putExtension(d.extension);
    return decideInbound(view, q.did);
  }
  const numbers = [q.from, cleanDialled(q.dial)].filter((n) => /^[0-9]+$/.test(n));
  const exts = await db.extension.findMany({ where: { tenantId: tenant.id, number: { in: numbers } }, select });
  const caller = exts.find((e) => e.number === q.from);
  if (!caller) throw validationError({ from: ['is not an extension of this tenant'] });
  for (const e of exts) view.putExtension(e);
  return decideOutbound(view, caller.endpointId, q.dial);
}
