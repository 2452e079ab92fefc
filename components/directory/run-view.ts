import type { DirectoryRun } from '@/lib/generated/prisma/client';
import type { Conflict, Creation, Deactivation, Reactivation, Removal, SyncPlan, Update } from '@/lib/domain/directory/plan';
import type { SyncSummary } from '@/lib/domain/directory/sync';

/**
 * A run row as the pages show it. Its plan, summary and progress are JSON columns: dates in them
 * come back as strings, and a row written by an older version may lack a field, so every list
 * defaults to empty rather than trusting the shape.
 */
type Dated<T> = Omit<T, 'removalDueAt'> & { removalDueAt: string };
export type StoredPlan = {
  creates: Creation[];
  updates: Update[];
  deactivations: Dated<Deactivation>[];
  removals: Removal[];
  reactivations: Reactivation[];
  conflicts: Conflict[];
  safety: SyncPlan['safety'] | null;
};
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'stopped';
export type RunView = {
  id: string;
  mode: 'preview' | 'sync';
  trigger: string;
  status: RunStatus;
  requestedBy: string;
  confirmed: boolean;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Users read so far, while it reads. */
  read: number | null;
  summary: Partial<SyncSummary> | null;
  plan: StoredPlan | null;
  error: string | null;
};

const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const record = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

export function toRunView(row: DirectoryRun): RunView {
  const plan = record(row.plan);
  const progress = record(row.progress);
  return {
    id: row.id,
    mode: row.mode === 'sync' ? 'sync' : 'preview',
    trigger: row.trigger,
    status: row.status as RunStatus,
    requestedBy: row.requestedBy,
    confirmed: row.confirmed,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    read: typeof progress?.read === 'number' ? progress.read : null,
    summary: record(row.summary) as Partial<SyncSummary> | null,
    plan: plan
      ? {
          creates: list(plan.creates),
          updates: list(plan.updates),
          deactivations: list(plan.deactivations),
          removals: list(plan.removals),
          reactivations: list(plan.reactivations),
          conflicts: list(plan.conflicts),
          safety: (record(plan.safety) as SyncPlan['safety'] | null) ?? null,
        }
      : null,
    error: row.error,
  };
}

export const isActive = (run: Pick<RunView, 'status'>) => run.status === 'queued' || run.status === 'running';

/**
 * Active and recent enough to be followed. A worker that died mid-run leaves its row "running"
 * for good; past the queue's own expiry (an hour) the page stops refreshing and lets runs start.
 */
export const isLive = (run: Pick<RunView, 'status' | 'createdAt'>, now = Date.now()) => isActive(run) && now - run.createdAt.getTime() < 65 * 60_000;

/** How long it took: the summary's own measure, else the row's clock. */
export function durationOf(run: RunView): string | null {
  const ms = run.summary?.durationMs ?? (run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null);
  if (ms === null || ms === undefined) return null;
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
export const day = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });
