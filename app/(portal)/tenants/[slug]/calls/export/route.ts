import { stringify } from 'csv-stringify';
import { callQueryOf, readCallUrl } from '@/components/calls/url-query';
import { getDb } from '@/lib/db/client';
import { listCalls } from '@/lib/domain/calls/list-calls';
import { getTenant } from '@/lib/domain/tenant/get-tenant';
import { isAppError } from '@/lib/errors';
import { currentActor } from '@/lib/next/session';
import { adminTimeZone } from '@/lib/next/time-zone';

const COLUMNS = ['started_at', 'answered_at', 'ended_at', 'direction', 'outcome', 'reason', 'caller', 'caller_name', 'caller_extension', 'callee', 'callee_extension', 'duration', 'billsec', 'uniqueid', 'linkedid'];

/**
 * The calls the Calls page's filters select, as CSV, every page of them, streamed. Times in UTC
 * (ISO 8601), so a spreadsheet anywhere reads them the same.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const actor = await currentActor();
  if (!actor) return new Response('Sign in first', { status: 401 });
  const { slug } = await params;
  const ctx = { actor, db: getDb() };
  const url = new URL(request.url);
  const query = callQueryOf(readCallUrl(Object.fromEntries(url.searchParams)), await adminTimeZone());
  let tenant;
  try {
    tenant = await getTenant(ctx, slug);
  } catch (err) {
    if (isAppError(err) && err.code === 'not_found') return new Response('Not found', { status: 404 });
    throw err;
  }
  const csv = stringify({ header: true, columns: COLUMNS });
  void (async () => {
    let cursor: string | undefined;
    try {
      do {
        const page = await listCalls(ctx, tenant.id, { ...query, cursor, limit: 500 });
        for (const c of page.items)
          csv.write([c.startedAt.toISOString(), c.answeredAt?.toISOString() ?? '', c.endedAt?.toISOString() ?? '', c.direction, c.outcome, c.reason ?? '', c.caller ?? '', c.callerName ?? '', c.callerExtension ?? '', c.callee ?? '', c.calleeExtension ?? '', c.duration, c.billsec, c.uniqueid, c.linkedid ?? '']);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      csv.end();
    } catch (err) {
      csv.destroy(err as Error);
    }
  })();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      csv.on('data', (chunk: string | Buffer) => controller.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk)));
      csv.on('end', () => controller.close());
      csv.on('error', (e) => controller.error(e));
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="calls-${tenant.slug}-${new Date().toISOString().slice(0, 10)}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
