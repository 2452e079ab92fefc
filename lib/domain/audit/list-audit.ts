import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client.ts';
import { tenantScope } from '../actor.ts';
import { dbOf, type Ctx } from '../context.ts';
import { CONTROL_CHARS_MESSAGE, hasNoControlChars, parseInput } from '../parse.ts';

/** The largest audit id: the column is a PostgreSQL bigint, which refuses anything past it. */
const MAX_ID = 2n ** 63n - 1n;

export const auditQuery = z.object({
  tenantId: z.uuid().optional(),
  actor: z.string().trim().max(254).refine(hasNoControlChars, CONTROL_CHARS_MESSAGE).optional(),
  /** Matches the object's type, label or id, e.g. "extension", "1001@acme", a uuid. */
  object: z.string().trim().max(255).refine(hasNoControlChars, CONTROL_CHARS_MESSAGE).optional(),
  before: z.coerce.bigint().min(1n).max(MAX_ID).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.input<typeof auditQuery>;

/** The audit log, newest first, within the actor's reach; `before` pages by id. */
export async function listAudit(ctx: Ctx, query: AuditQuery = {}) {
  const q = parseInput(auditQuery, query);
  const scope = tenantScope(ctx.actor);
  const and: Prisma.AuditEntryWhereInput[] = [];
  if (scope) and.push({ tenantId: scope });
  if (q.tenantId) and.push({ tenantId: q.tenantId });
  if (q.actor) and.push({ actorLabel: { contains: q.actor, mode: 'insensitive' } });
  if (q.object)
    and.push({
      OR: [
        { targetType: q.object.toLowerCase() },
        { targetLabel: { contains: q.object, mode: 'insensitive' } },
        { targetId: q.object },
      ],
    });
  if (q.before) and.push({ id: { lt: q.before } });
  const rows = await dbOf(ctx).auditEntry.findMany({ where: { AND: and }, orderBy: { id: 'desc' }, take: q.limit + 1 });
  return { items: rows.slice(0, q.limit), nextBefore: rows.length > q.limit ? rows[q.limit - 1].id.toString() : null };
}
