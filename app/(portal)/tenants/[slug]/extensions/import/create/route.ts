import { csvImportRoute } from '@/lib/next/csv-import-route';

/** Imports an uploaded CSV, all or nothing, and answers the generated secrets once. */
export const POST = csvImportRoute('create');
