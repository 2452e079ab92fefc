import { Readable } from 'node:stream';
import { callQueryOf, readCallUrl } from '@/components/calls/url-query';
import { exportCallsCsv } from '@/lib/domain/export/export-calls-csv';
import { portalRoute } from '@/lib/next/portal-route';
import { adminTimeZone } from '@/lib/next/time-zone';

/** The calls the Calls page's filters select, as a CSV download. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return portalRoute('export-calls', request, async (ctx) => {
    const { slug } = await params;
    const query = callQueryOf(readCallUrl(Object.fromEntries(new URL(request.url).searchParams)), await adminTimeZone());
    const { csv, fileName } = await exportCallsCsv(ctx, slug, query);
    return new Response(Readable.toWeb(csv) as ReadableStream, {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store' },
    });
  });
}
