import { Readable } from 'node:stream';
import { exportExtensionsCsv, exportFilters } from '@/lib/domain/export/export-csv';
import { parseSearchParams } from '@/lib/domain/parse';
import { portalRoute } from '@/lib/next/portal-route';

/** The tenant's extensions as a CSV download, with the list's filters from the query string. */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return portalRoute('export-csv', request, async (ctx) => {
    const { slug } = await params;
    const filters = parseSearchParams(exportFilters, Object.fromEntries(new URL(request.url).searchParams));
    const { csv, fileName } = await exportExtensionsCsv(ctx, slug, filters);
    return new Response(Readable.toWeb(csv) as ReadableStream, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${fileName}"`,
        'cache-control': 'no-store',
      },
    });
  });
}
