import { csvImportRoute } from '@/lib/next/csv-import-route';

/** Validates an uploaded CSV and answers the per-line report; writes nothing. */
export const POST = csvImportRoute('check');
