import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { listCalls } from '../calls/list-calls.ts';
import type { CallListQuery } from '../calls/schemas.ts';
import type { CallView } from '../calls/view.ts';
import { dbOf, type Ctx } from '../context.ts';
import { guardCell } from '../import/spreadsheet-cells.ts';
import { findTenant } from '../tenant/get-tenant.ts';

export const CALL_EXPORT_COLUMNS = ['started_at', 'answered_at', 'ended_at', 'direction', 'outcome', 'reason', 'caller', 'caller_name', 'caller_extension', 'callee', 'callee_extension', 'duration', 'billsec', 'uniqueid', 'linkedid'] as const;
const PAGE = 500;

const rowOf = (c: CallView) => [
  c.startedAt.toISOString(), c.answeredAt?.toISOString() ?? '', c.endedAt?.toISOString() ?? '', c.direction, c.outcome, c.reason ?? '',
  c.caller ?? '', guardCell(c.callerName ?? ''), c.callerExtension ?? '', c.callee ?? '', c.calleeExtension ?? '', c.duration, c.billsec, c.uniqueid, c.linkedid ?? '',
];

/**
 * The calls a filter selects, as CSV, every page of them, streamed. Times in UTC (ISO 8601), so a
 * spreadsheet anywhere reads them the same. The tenant check runs before the first byte, so a door
 * can still answer "not found".
 */
export async function exportCallsCsv(ctx: Ctx, tenantRef: string, query: CallListQuery) {
  const tenant = await findTenant(dbOf(ctx), ctx.actor, tenantRef, 'read');
  const first = await listCalls(ctx, tenant.id, { ...query, limit: PAGE });
  async function* rows() {
    for (let page = first; ; ) {
      for (const c of page.items) yield rowOf(c);
      if (!page.nextCursor) return;
      page = await listCalls(ctx, tenant.id, { ...query, limit: PAGE, cursor: page.nextCursor });
    }
  }
  // pipeline, not pipe: a database error mid-way fails the CSV stream instead of ending it early.
  const csv = pipeline(Readable.from(rows()), stringify({ header: true, columns: [...CALL_EXPORT_COLUMNS] }), () => {});
  return { csv, fileName: `calls-${tenant.slug}-${new Date().toISOString().slice(0, 10)}.csv` };
}
