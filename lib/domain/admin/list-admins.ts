import { assertPlatformAdmin } from '../actor.ts';
import { dbOf, type Ctx } from '../context.ts';

export async function listAdmins(ctx: Ctx) {
  assertPlatformAdmin(ctx.actor);
  return dbOf(ctx).adminUser.findMany({
    orderBy: [{ disabled: 'asc' }, { email: 'asc' }],
    include: { tenant: { select: { id: true, slug: true, name: true } } },
  });
}
