import 'server-only';
import { importExtensions } from '../domain/import/import-extensions.ts';
import { MAX_UPLOAD_BYTES, TOO_LARGE_MESSAGE as TOO_LARGE } from '../domain/import/limits.ts';
import { csvReader } from '../domain/import/read-csv.ts';
import type { GeneratedSecret, ImportIssue, ImportReport } from '../domain/import/report.ts';
import { jsonAnswer, portalRoute, RouteError } from './portal-route.ts';

/** Enough to fix a file by; a file with more errors is not one a person fixes line by line. */
const ERRORS_SHOWN = 1_000;

/** What the import page gets back: the report without the per-row list, and the secrets once. */
export type CsvImportAnswer = Pick<ImportReport, 'file' | 'outcome' | 'unreadable' | 'counts' | 'warnings'> & {
  errors: ImportIssue[];
  /** Errors beyond the ones listed. */
  moreErrors: number;
  secrets: GeneratedSecret[];
};

/** The body as it arrives, refused once more than the limit has come (a body sent without a length). */
async function* limitedBody(request: Request): AsyncGenerator<Buffer> {
  if (!request.body) return;
  let read = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    read += chunk.byteLength;
    if (read > MAX_UPLOAD_BYTES) throw new RouteError(413, TOO_LARGE);
    yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

const fileNameOf = (raw: string | null) => (raw ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim().slice(0, 200) || 'upload.csv';

/**
 * POST handlers of the import page: the CSV file as the raw body (so the browser can report upload
 * progress), `?name=` its file name, `?skipExisting=1` to skip numbers the tenant has. `check`
 * validates only; `create` writes, all or nothing, and returns the generated secrets once.
 */
export function csvImportRoute(mode: 'check' | 'create') {
  return async (request: Request, { params }: { params: Promise<{ slug: string }> }) =>
    portalRoute(`import-csv-${mode}`, request, async (ctx) => {
      const { slug } = await params;
      const url = new URL(request.url);
      // A size the header already gives away is refused before the tenant is even looked up.
      if (Number(request.headers.get('content-length') ?? 0) > MAX_UPLOAD_BYTES) throw new RouteError(413, TOO_LARGE);
      const report = await importExtensions(ctx, slug, csvReader(limitedBody(request)), {
        file: fileNameOf(url.searchParams.get('name')),
        dryRun: mode === 'check',
        existing: url.searchParams.get('skipExisting') === '1' ? 'skip' : 'error',
      });
      const answer: CsvImportAnswer = {
        file: report.file,
        outcome: report.outcome,
        unreadable: report.unreadable,
        counts: report.counts,
        warnings: report.warnings,
        errors: report.errors.slice(0, ERRORS_SHOWN),
        moreErrors: Math.max(report.errors.length - ERRORS_SHOWN, 0),
        secrets: report.secrets,
      };
      return jsonAnswer(200, answer);
    });
}
