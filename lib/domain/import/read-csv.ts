import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse, type Info, type Options } from 'csv-parse';
import { columnOf, type ImportColumn, type RowCells } from './columns.ts';
import type { ImportReader, SourceRow } from './reader.ts';
import type { ImportIssue } from './report.ts';
import { TEXT_COLUMNS, unguardCell } from './spreadsheet-cells.ts';

/** No row of twelve short columns comes near this; a quote left open would read the rest of the file. */
const MAX_ROW_CHARS = 64 * 1024;

/**
 * Reads a CSV whose first line names the columns, as a stream: csv-parse holds a row at a time.
 * Lines are the file's own (the header is line 1; a row with a quoted line break is counted from
 * where it starts). A UTF-8 byte order mark (Excel writes one) is dropped; rows with every cell
 * blank (a spreadsheet's trailing `,,,,`) are skipped.
 */
export function csvReader(input: Readable | Iterable<Buffer | string> | AsyncIterable<Buffer | string>): ImportReader {
  const fileErrors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];

  async function* rows(): AsyncGenerator<SourceRow> {
    const lines = lineCounter();
    // on_record turns each record into { record, line }; csv-parse's types know only string[] without `columns`.
    const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, max_record_size: MAX_ROW_CHARS, on_record: lines.onRecord as unknown as Options['on_record'] });
    const source = input instanceof Readable ? input : Readable.from(input);
    const done = pipeline(source, parser).catch(() => {}); // errors surface through the iteration below
    let header: { columns: (ImportColumn | null)[]; keys: string[] } | null = null;
    try {
      for await (const { record, line } of parser as AsyncIterable<{ record: string[]; line: number }>) {
        if (!header) {
          header = readHeader(record, line, fileErrors, warnings);
          if (fileErrors.length) return;
          continue;
        }
        if (record.every((v) => v.trim() === '')) continue;
        const cells: RowCells = new Map();
        header.columns.forEach((c, i) => {
          if (c && i < record.length) cells.set(c, { key: header!.keys[i], value: TEXT_COLUMNS.has(c) ? unguardCell(record[i]) : record[i] });
        });
        const problems: ImportIssue[] =
          record.length === header.columns.length ? [] : [{ at: { line }, message: `has ${record.length} fields; the header has ${header.columns.length}` }];
        yield { at: { line }, cells, problems };
      }
      if (!header) fileErrors.push({ at: { line: 1 }, message: 'the file is empty: its first line must name the columns (number, name, ...)' });
    } catch (err) {
      if (!(err instanceof CsvError)) throw err;
      fileErrors.push(csvProblem(err, lines.nextRowStart(err), lines.lineOf(err)));
    } finally {
      source.destroy();
      await done;
    }
  }

  return { format: 'csv', rows, fileErrors, warnings };
}

function readHeader(record: string[], line: number, fileErrors: ImportIssue[], warnings: ImportIssue[]) {
  const keys = record.map((k) => k.trim());
  const seen = new Map<ImportColumn, string>();
  const columns = keys.map((key): ImportColumn | null => {
    const column = key === '' ? undefined : columnOf(key);
    if (key === '') warnings.push({ at: { line }, message: 'a column without a name is ignored' });
    else if (!column) warnings.push({ at: { line }, column: key, message: 'unknown column, ignored' });
    else if (seen.has(column)) fileErrors.push({ at: { line }, column: key, message: `gives the same column as ${seen.get(column)}` });
    else {
      seen.set(column, key);
      return column;
    }
    return null;
  });
  if (!seen.has('number')) fileErrors.push({ at: { line }, message: 'the header has no number column' });
  if (!seen.has('name')) fileErrors.push({ at: { line }, message: 'the header has no name (or display_name) column' });
  return { columns, keys };
}

/**
 * The file's own line numbers. csv-parse counts a CRLF inside a quoted field as two lines, so its
 * count is corrected by those; a row starts as many line breaks before its end as its fields hold.
 * Kept in on_record, which runs as each row is parsed: a parse error discards the rows parsed but
 * not yet read, and the line where the broken row starts must still be known.
 */
function lineCounter() {
  let crlfs = 0;
  let lastEnd = 0;
  let lastEmpty = 0;
  return {
    onRecord(record: string[], info: Info) {
      let inside = 0;
      for (const field of record) {
        if (!field.includes('\n') && !field.includes('\r')) continue;
        inside += field.match(/\r\n|\r|\n/g)!.length;
        crlfs += field.match(/\r\n/g)?.length ?? 0;
      }
      lastEnd = info.lines - crlfs;
      lastEmpty = info.empty_lines;
      return { record, line: lastEnd - inside };
    },
    nextRowStart: (err: CsvError) => lastEnd + 1 + (typeof err.empty_lines === 'number' ? err.empty_lines - lastEmpty : 0),
    lineOf: (err: CsvError) => (typeof err.lines === 'number' ? err.lines - crlfs : undefined),
  };
}

/** csv-parse's error as a person reads it, at the line where the broken row starts when it says so. */
function csvProblem(err: CsvError, rowStart: number, errorLine: number | undefined): ImportIssue {
  const at = (line: number | undefined) => ({ line: line ?? rowStart });
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { at: at(rowStart), message: 'a quoted field is never closed (a " is missing)' };
    case 'CSV_MAX_RECORD_SIZE':
      return { at: at(rowStart), message: 'the row is longer than 64 KiB (is a quoted field left open?)' };
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return { at: at(errorLine), message: 'text follows a closing quote: a " inside a quoted field must be doubled ("")' };
    case 'INVALID_OPENING_QUOTE':
      return { at: at(errorLine), message: 'a " inside an unquoted field: quote the whole field and double the " ("")' };
    default:
      return { at: at(errorLine), message: err.message };
  }
}
