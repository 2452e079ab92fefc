/** What an import found and did, as every door shows it (CLI text and JSON, the portal's report). */

/** Where a row is: the file's line (CSV: the header is line 1), and for YAML the entry (1 = first). */
export type RowAt = { line?: number; entry?: number };

export type ImportIssue = { at?: RowAt; column?: string; message: string };

export type RowAction = 'create' | 'skip' | 'error';
export type RowOutcome = { at: RowAt; number: string; action: RowAction; reasons?: string[] };

/** A generated secret or PIN, shown once and never stored in clear. */
export type GeneratedSecret = { number: string; secret?: string; voicemailPin?: string };

export type ImportFormat = 'csv' | 'yaml';

export type ImportReport = {
  format: ImportFormat;
  file: string;
  tenant: string;
  dryRun: boolean;
  /** The file itself is broken (bad quoting, no header, not YAML): no row was checked. */
  unreadable: boolean;
  /** done: everything valid was (or would be) written; failed: nothing was; partial: the valid rows only. */
  outcome: 'done' | 'failed' | 'partial';
  /**
   * rows: read from the file; valid: pass every rule; created: written (in a dry run: would be);
   * skipped: already present; errors: rows with at least one error.
   */
  counts: { rows: number; valid: number; created: number; skipped: number; errors: number };
  /** Every problem, in file order; problems of the file itself carry no column. */
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** Row by row, what would happen to each (dry runs only: the errors list covers a real run). */
  outcomes: RowOutcome[];
  /** The generated secrets and PINs (real runs only). */
  secrets: GeneratedSecret[];
};

/** `line 4`, `entry 2 (line 9)`, `entry 2`: how a person finds the row. */
export function describeAt(at: RowAt | undefined): string {
  if (!at) return 'file';
  if (at.entry !== undefined) return at.line !== undefined ? `entry ${at.entry} (line ${at.line})` : `entry ${at.entry}`;
  return at.line !== undefined ? `line ${at.line}` : 'file';
}

export const describeIssue = (i: ImportIssue) => `${describeAt(i.at)}${i.column ? `, ${i.column}` : ''}: ${i.message}`;
