import type { Prisma } from '../../generated/prisma/client.ts';
import { tenantScope } from '../actor.ts';
import { dbOf, type Ctx } from '../context.ts';
import { cursorValue, decodeCursor, encodeCursor, type Page } from '../pagination.ts';
import { parseInput } from '../parse.ts';
import { tenantListQuery, type TenantListQuery } from './schemas.ts';
import type { Tenant } from '../../generated/prisma/client.ts';

export type TenantListItem = Tenant & { extensionCount: number };

/** Tenants by name, within the actor's reach, with search and keyset pagination. */
export async function listTenants(ctx: Ctx, query: TenantListQuery = {}): Promise<Page<TenantListItem>> {
  const q = parseInput(tenantListQuery, query);
  const scope = tenantScope(ctx.actor);
  const where: Prisma.TenantWhereInput[] = [];
  if (scope) where.push({ id: scope });
  if (q.status) where.push({ status: q.status });
  if (q.q)
    where.push({
      OR: [
        { name: { contains: q.q, mode: 'insensitive' } },
        { slug: { contains: q.q.toLowerCase() } },
        { sipDomain: { contains: q.q.toLowerCase() } },
      ],
    });
  if (q.cursor) {
    const [name, id] = decodeCursor(q.cursor, cursorValue.text);
    where.push({ OR: [{ name: { gt: name } }, { name, id: { gt: id } }] });
  }
  const rows = await dbOf(ctx).tenant.findMany({
    where: { AND: where },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: q.limit + 1,
    include: { _count: { select: { extensions: true } } },
  });
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return {
    items: page.map(({ _count, ...t }) => ({ ...t, extensionCount: _count.extensions })),
    nextCursor: more ? encodeCursor(page[page.length - 1].name, page[page.length - 1].id) : null,
  };
}
