import type { Prisma } from '../../generated/prisma/client.ts';
import { dbOf, type Ctx } from '../context.ts';
import { decodeCursor, encodeCursor, type Page } from '../pagination.ts';
import { parseInput } from '../parse.ts';
import { findTenant } from '../tenant/get-tenant.ts';
import { extensionListQuery, type ExtensionListQuery } from './schemas.ts';
import { toExtensionView, type ExtensionView } from './view.ts';

const COLUMN = { number: 'number', displayName: 'displayName', createdAt: 'createdAt' } as const;

/**
 * A tenant's extensions: search (number prefix, name or e-mail substring), filters, a stable sort
 * and keyset pagination, so page 2,000 of a 100,000-extension tenant costs what page 1 does.
 */
export async function listExtensions(
  ctx: Ctx,
  tenantId: string,
  query: ExtensionListQuery = {},
): Promise<Page<ExtensionView>> {
  const q = parseInput(extensionListQuery, query);
  const db = dbOf(ctx);
  const tenant = await findTenant(db, ctx.actor, tenantId, 'read');
  const filters: Prisma.ExtensionWhereInput[] = [{ tenantId: tenant.id }];
  if (q.active !== undefined) filters.push({ active: q.active });
  if (q.allowExternal !== undefined) filters.push({ allowExternal: q.allowExternal });
  if (q.adSynced !== undefined) filters.push({ adSynced: q.adSynced });
  if (q.q) {
    const or: Prisma.ExtensionWhereInput[] = [
      { displayName: { contains: q.q, mode: 'insensitive' } },
      { email: { contains: q.q, mode: 'insensitive' } },
    ];
    if (/^[0-9]+$/.test(q.q)) or.push({ number: { startsWith: q.q } });
    filters.push({ OR: or });
  }
  const where: Prisma.ExtensionWhereInput = { AND: filters };
  const field = COLUMN[q.sort];
  const cmp = q.dir === 'asc' ? 'gt' : 'lt';
  const pageWhere: Prisma.ExtensionWhereInput[] = [...filters];
  if (q.cursor) {
    const [raw, id] = decodeCursor(q.cursor);
    const value = field === 'createdAt' ? new Date(String(raw)) : String(raw);
    pageWhere.push({ OR: [{ [field]: { [cmp]: value } }, { [field]: value, id: { [cmp]: id } }] });
  }
  const [rows, total] = await Promise.all([
    db.extension.findMany({
      where: { AND: pageWhere },
      orderBy: [{ [field]: q.dir }, { id: q.dir }],
      take: q.limit + 1,
    }),
    q.withTotal ? db.extension.count({ where }) : Promise.resolve(undefined),
  ]);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const lastValue = last ? (field === 'createdAt' ? last.createdAt.toISOString() : last[field]) : null;
  return {
    items: page.map(toExtensionView),
    nextCursor: more && last ? encodeCursor(lastValue, last.id) : null,
    ...(total !== undefined ? { total } : {}),
  };
}
