import { AppError } from '../../errors.ts';
import { isUuid } from '../ids.ts';
import { dbOf, type Ctx } from '../context.ts';
import { findTenant } from '../tenant/get-tenant.ts';
import type { SyncMode, SyncTrigger } from './sync.ts';

/** Records a requested run before a worker takes it, so the portal can show it waiting. */
export async function queueDirectoryRun(ctx: Ctx, tenantRef: string, request: { mode: SyncMode; trigger: SyncTrigger; confirmed?: boolean }) {
  const db = dbOf(ctx);
  const tenant = await findTenant(db, ctx.actor, tenantRef, 'write');
  if (!(await db.directory.findUnique({ where: { tenantId: tenant.id }, select: { tenantId: true } })))
    throw new AppError('not_found', 'This tenant has no directory settings yet');
  return db.directoryRun.create({
    data: { tenantId: tenant.id, mode: request.mode, trigger: request.trigger, status: 'queued', requestedBy: ctx.actor.label, confirmed: !!request.confirmed },
  });
}

/** The latest runs of a tenant, newest first, for the portal's history and progress. */
export async function listDirectoryRuns(ctx: Ctx, tenantRef: string, take = 20) {
  const db = dbOf(ctx);
  const tenant = await findTenant(db, ctx.actor, tenantRef, 'read');
  return db.directoryRun.findMany({ where: { tenantId: tenant.id }, orderBy: { createdAt: 'desc' }, take });
}

export async function getDirectoryRun(ctx: Ctx, tenantRef: string, runId: string) {
  const db = dbOf(ctx);
  const tenant = await findTenant(db, ctx.actor, tenantRef, 'read');
  if (!isUuid(runId)) return null;
  return db.directoryRun.findFirst({ where: { id: runId, tenantId: tenant.id } });
}
