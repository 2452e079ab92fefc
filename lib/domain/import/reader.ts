import type { RowCells } from './columns.ts';
import type { ImportFormat, ImportIssue, RowAt } from './report.ts';

/** One row of a file: where it is, its known columns, and what is wrong with the row as such. */
export type SourceRow = { at: RowAt; cells: RowCells; problems: ImportIssue[] };

/**
 * A file being read. Rows come one at a time (a CSV is never held whole); problems of the file
 * itself (bad quoting, no header, not YAML) and warnings (unknown columns) gather while reading.
 * After a file error no row can be trusted, so nothing is imported.
 */
export type ImportReader = {
  format: ImportFormat;
  rows(): AsyncIterable<SourceRow>;
  fileErrors: ImportIssue[];
  warnings: ImportIssue[];
};
