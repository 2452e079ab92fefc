import type { Tx } from '../../db/client.ts';
import type { Actor } from '../actor.ts';

export type AuditInput = {
  action: string;
  tenantId: string | null;
  targetType: string;
  targetId?: string | null;
  targetLabel?: string | null;
  before?: unknown;
  after?: unknown;
};

/** JSON-safe snapshot: dates as ISO strings, bigints as strings, undefined dropped. */
export function snapshot(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

export function auditRow(actor: Actor, entry: AuditInput) {
  return {
    actorType: actor.type,
    actorId: actor.id,
    actorLabel: actor.label,
    tenantId: entry.tenantId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    targetLabel: entry.targetLabel ?? null,
    before: (snapshot(entry.before) ?? undefined) as object | undefined,
    after: (snapshot(entry.after) ?? undefined) as object | undefined,
  };
}

/** Written inside the caller's transaction: the change and its record land together or not at all. */
export async function recordAudit(tx: Tx, actor: Actor, entry: AuditInput): Promise<void> {
  await tx.auditEntry.create({ data: auditRow(actor, entry) });
}

