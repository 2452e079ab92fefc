/**
 * A preview or a sync of one tenant's directory. Both read the directory and plan the same way;
 * a sync then applies the plan in the same transaction that planned it, under a lock per tenant,
 * so two syncs of one tenant never interleave and a failure anywhere leaves nothing half-done.
 */
import { prepareLock, tryTransactionLock } from '../../db/locks.ts';
import { LONG_TRANSACTION, type Tx } from '../../db/client.ts';
import { AppError, conflict } from '../../errors.ts';
import type { Actor } from '../actor.ts';
import { recordAudit, snapshot } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { deleteExtensionIn } from '../extension/delete-extension.ts';
import { insertExtensions } from '../extension/insert-rows.ts';
import { prepareExtensions } from '../extension/prepare.ts';
import { numberProblems } from '../extension/rules.ts';
import { updateExtensionIn } from '../extension/update-extension.ts';
import { findTenant } from '../tenant/get-tenant.ts';
import type { DirectoryGateway } from './gateway.ts';
import { planSync, type DirectoryState, type SyncPlan, type TenantExtension } from './plan.ts';
import { loadDirectory } from './settings.ts';
import { directoryKey, sealSecret } from './secret-box.ts';

export type SyncMode = 'preview' | 'sync';
export type SyncTrigger = 'portal' | 'cli' | 'schedule' | 'api';
export type SyncOptions = {
  mode: SyncMode;
  trigger: SyncTrigger;
  gateway: DirectoryGateway;
  /** Go past the safety limit (the admin saw the preview and confirmed). */
  confirmed?: boolean;
  now?: Date;
  /** A run queued earlier (the portal's button, the schedule): it is carried on instead of a new one. */
  runId?: string;
  /** Test seam: runs inside the transaction after the plan is applied, before commit. */
  afterApply?: (tx: Tx) => Promise<void>;
};

export type SyncSummary = {
  users: number;
  entriesWithoutId: number;
  created: number;
  updated: number;
  renumbered: number;
  deactivated: number;
  removed: number;
  reactivated: number;
  conflicts: number;
  unchanged: number;
  pending: number;
  durationMs: number;
};

export type SyncOutcome = { runId: string; status: 'succeeded' | 'stopped' | 'failed'; plan: SyncPlan | null; summary: SyncSummary | null; error: string | null };

export async function syncDirectory(ctx: Ctx, tenantRef: string, options: SyncOptions): Promise<SyncOutcome> {
  const db = dbOf(ctx);
  const tenant = await findTenant(db, ctx.actor, tenantRef, 'write');
  const started = Date.now();
  const running = { status: 'running', startedAt: new Date(), progress: { phase: 'reading', read: 0 } };
  const run = options.runId
    ? await db.directoryRun.update({ where: { id: options.runId, tenantId: tenant.id }, data: running })
    : await db.directoryRun.create({
        data: { tenantId: tenant.id, mode: options.mode, trigger: options.trigger, requestedBy: ctx.actor.label, confirmed: !!options.confirmed, ...running },
      });
  const actor: Actor = { type: 'directory', id: run.id, label: `directory sync (${ctx.actor.label})`, role: 'tenant_admin', tenantId: tenant.id };
  let lastProgress = 0;
  const progress = (read: number) => {
    if (Date.now() - lastProgress < 500) return;
    lastProgress = Date.now();
    db.directoryRun.update({ where: { id: run.id }, data: { progress: { phase: 'reading', read } } }).catch(() => {});
  };
  const lock = `sb_directory_sync:${tenant.id}`;
  try {
    await prepareLock(db, lock);
    const outcome = await db.$transaction(async (tx) => {
      if (!(await tryTransactionLock(tx, lock))) throw conflict('A sync of this tenant\'s directory is already running; try again when it has finished');
      const { conn, query, settings } = await loadDirectory(tx, tenant.id);
      const read = await options.gateway.read(conn, query, progress);
      if ('error' in read) throw new AppError('unavailable', read.error);
      const extensions = await loadExtensions(tx, tenant.id);
      const now = options.now ?? new Date();
      const plan = planSync(read.users, extensions, {
        now,
        graceDays: settings.graceDays,
        maxRemovalPercent: settings.maxRemovalPercent,
        numberProblems: (n) => numberProblems(n, tenant),
      });
      const summary = summarise(plan, read.users.length, read.withoutId, started);
      if (options.mode === 'preview') return { status: 'succeeded' as const, plan, summary };
      if (plan.safety.tripped && !options.confirmed) return { status: 'stopped' as const, plan, summary };
      await applyPlan(tx, actor, tenant, plan, read.users.map((u) => u.id), now);
      await recordAudit(tx, actor, {
        action: 'directory.sync',
        tenantId: tenant.id,
        targetType: 'directory_run',
        targetId: run.id,
        targetLabel: `${tenant.slug} directory sync`,
        after: summary,
      });
      await options.afterApply?.(tx);
      return { status: 'succeeded' as const, plan, summary: { ...summary, durationMs: Date.now() - started } };
    }, LONG_TRANSACTION);
    await db.directoryRun.update({
      where: { id: run.id },
      data: { status: outcome.status, finishedAt: new Date(), summary: outcome.summary, plan: planRecord(outcome.plan), progress: { phase: 'done' } },
    });
    return { runId: run.id, status: outcome.status, plan: outcome.plan, summary: outcome.summary, error: null };
  } catch (err) {
    const message = err instanceof AppError ? err.message : 'The sync failed unexpectedly; nothing was changed. It was logged.';
    await db.directoryRun.update({ where: { id: run.id }, data: { status: 'failed', finishedAt: new Date(), error: message, progress: { phase: 'done' } } });
    if (err instanceof AppError && err.code === 'conflict') throw err;
    if (!(err instanceof AppError)) throw err;
    return { runId: run.id, status: 'failed', plan: null, summary: null, error: message };
  }
}

async function loadExtensions(tx: Tx, tenantId: string): Promise<TenantExtension[]> {
  const rows = await tx.extension.findMany({
    where: { tenantId },
    select: { id: true, number: true, displayName: true, email: true, active: true, adSynced: true, adUsername: true, directoryId: true, directoryState: true, directoryRemovalDueAt: true },
  });
  return rows.map(({ directoryRemovalDueAt, directoryState, ...r }) => ({ ...r, directoryState: directoryState as DirectoryState | null, removalDueAt: directoryRemovalDueAt }));
}

async function applyPlan(tx: Tx, actor: Actor, tenant: Parameters<typeof prepareExtensions>[1], plan: SyncPlan, seen: string[], now: Date) {
  for (const r of plan.removals) await deleteExtensionIn(tx, actor, r.extensionId);
  for (const d of plan.deactivations) {
    const ext = await tx.extension.findUniqueOrThrow({ where: { id: d.extensionId }, select: { allowExternal: true, active: true, directoryPriorAllowExternal: true } });
    if (ext.active) await updateExtensionIn(tx, actor, d.extensionId, { active: false, allowExternal: false });
    await tx.extension.update({
      where: { id: d.extensionId },
      data: { directoryState: d.reason, directoryRemovalDueAt: d.removalDueAt, directoryPriorAllowExternal: ext.active ? ext.allowExternal : ext.directoryPriorAllowExternal },
    });
  }
  for (const u of plan.updates) {
    const { secret } = await updateExtensionIn(tx, actor, u.extensionId, { ...u.changes, adSynced: true });
    // A new number with digest storage needs a new secret: kept sealed until an admin reveals it.
    if (secret) await tx.extension.update({ where: { id: u.extensionId }, data: { pendingSecretSealed: sealSecret(secret, u.extensionId) } });
  }
  for (const r of plan.reactivations) {
    const ext = await tx.extension.findUniqueOrThrow({ where: { id: r.extensionId }, select: { directoryPriorAllowExternal: true } });
    await updateExtensionIn(tx, actor, r.extensionId, { active: true, allowExternal: ext.directoryPriorAllowExternal ?? true });
    await tx.extension.update({ where: { id: r.extensionId }, data: { directoryState: 'active', directoryRemovalDueAt: null, directoryPriorAllowExternal: null } });
  }
  if (plan.creates.length) {
    const inputs = plan.creates.map((c) => ({ number: c.number, displayName: c.name, email: c.email, adSynced: true, adUsername: c.login, directoryId: c.userId }));
    const { prepared, errors } = await prepareExtensions(tx, tenant, inputs);
    if (Object.keys(errors).length) throw new AppError('validation', `The directory gave values Switchboard cannot store: ${JSON.stringify(errors).slice(0, 500)}`);
    for (let i = 0; i < prepared.length; i += 1_000) await insertExtensions(tx, actor, tenant, prepared.slice(i, i + 1_000));
    // Nobody has seen these secrets: each waits, sealed, for an admin to reveal it once or reset it.
    const key = directoryKey();
    await tx.$executeRaw`UPDATE sb_extensions e SET pending_secret_sealed = s.sealed
      FROM unnest(${prepared.map((p) => p.id)}::uuid[], ${prepared.map((p) => sealSecret(p.secret, p.id, key))}::text[]) AS s(id, sealed)
      WHERE e.id = s.id`;
  }
  // Everyone the directory still lists is in step as of now.
  if (seen.length)
    await tx.$executeRaw`UPDATE sb_extensions SET directory_synced_at = ${now}
      WHERE tenant_id = ${tenant.id}::uuid AND directory_id = ANY(${seen}::text[]) AND directory_state = 'active'`;
}

function summarise(plan: SyncPlan, users: number, withoutId: number, started: number): SyncSummary {
  return {
    users,
    entriesWithoutId: withoutId,
    created: plan.creates.length,
    updated: plan.updates.filter((u) => Object.keys(u.changes).some((k) => k !== 'number')).length,
    renumbered: plan.updates.filter((u) => u.changes.number).length,
    deactivated: plan.deactivations.length,
    removed: plan.removals.length,
    reactivated: plan.reactivations.length,
    conflicts: plan.conflicts.length,
    unchanged: plan.unchanged,
    pending: plan.pending,
    durationMs: Date.now() - started,
  };
}

/** What the run keeps of its plan: everything but the bulk of unchanged users, capped for huge first syncs. */
function planRecord(plan: SyncPlan | null) {
  if (!plan) return undefined;
  const cap = <T>(list: T[]) => list.slice(0, 2_000);
  return snapshot({
    creates: cap(plan.creates), updates: cap(plan.updates), deactivations: cap(plan.deactivations), removals: cap(plan.removals),
    reactivations: cap(plan.reactivations), conflicts: cap(plan.conflicts), safety: plan.safety,
  }) as object;
}
