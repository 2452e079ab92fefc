import { Prisma } from '../../generated/prisma/client.ts';
import { tenantScope } from '../actor.ts';
import { dbOf, type Ctx } from '../context.ts';

/** What the dashboard shows, within the actor's reach. */
export async function dashboardStats(ctx: Ctx) {
  const db = dbOf(ctx);
  const scope = tenantScope(ctx.actor);
  const nowEpoch = BigInt(Math.floor(Date.now() / 1000));
  const [tenants, extensions, registered] = await Promise.all([
    db.tenant.count({ where: scope ? { id: scope } : {} }),
    db.extension.count({ where: scope ? { tenantId: scope } : {} }),
    // Registered phones: our extensions with an unexpired contact in ps_contacts.
    db.$queryRaw<{ n: bigint }[]>`
      SELECT count(DISTINCT x.id) AS n FROM sb_extensions x
        JOIN ps_contacts c ON c.endpoint = x.endpoint_id
       WHERE c.expiration_time > ${nowEpoch}${scope ? Prisma.sql` AND x.tenant_id = ${scope}::uuid` : Prisma.empty}`,
  ]);
  return { tenants, extensions, registered: Number(registered[0].n) };
}
