import type { FieldErrors } from '../../errors.ts';
import type { ExtensionInput } from '../extension/schemas.ts';
import { columnOfField, rowInput, type ImportColumn } from './columns.ts';
import type { SourceRow } from './reader.ts';
import type { ImportIssue, RowAt } from './report.ts';

/** A row between reading and writing: its input for the extension rules and what is wrong with it. */
export type PendingRow = {
  at: RowAt;
  input: ExtensionInput;
  issues: ImportIssue[];
  generatePin: boolean;
  /** The file's own key where it differs from the column's name (`display_name`), for messages. */
  renamed?: Partial<Record<ImportColumn, string>>;
  /** Nothing in it could be read (a YAML entry that is not a mapping): the rules have nothing to say. */
  unreadable: boolean;
};

export function pendingRow(row: SourceRow): PendingRow {
  const { input, problems, generatePin } = rowInput(row.cells);
  const unreadable = row.cells.size === 0 && row.problems.length > 0;
  let renamed: PendingRow['renamed'];
  for (const [column, { key }] of row.cells) if (key !== column) (renamed ??= {})[column] = key;
  const issues = [...row.problems, ...Object.entries(unreadable ? {} : problems).flatMap(([column, messages]) => messages.map((message) => ({ at: row.at, column, message })))];
  return { at: row.at, input, issues, generatePin, renamed, unreadable };
}

/**
 * Adds the extension rules' findings (keyed `<index>.<field>` by prepareExtensions) to the rows,
 * under the file's column names. A column the row's own reading already faulted keeps that
 * message alone: "is required" says more than the schema's "digits only" for an empty number.
 */
export function addRuleErrors(rows: PendingRow[], errors: FieldErrors): void {
  for (const [key, messages] of Object.entries(errors)) {
    const dot = key.indexOf('.');
    const row = rows[Number(key.slice(0, dot))];
    if (!row || row.unreadable) continue;
    const field = key.slice(dot + 1);
    const column = columnOfField(field);
    const name = column ? (row.renamed?.[column] ?? column) : undefined;
    if (name && row.issues.some((i) => i.column === name)) continue;
    for (const message of messages) row.issues.push({ at: row.at, ...(name ? { column: name } : {}), message });
  }
}
