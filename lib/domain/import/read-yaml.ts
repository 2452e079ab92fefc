import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { columnOf, type RowCells } from './columns.ts';
import type { ImportReader, SourceRow } from './reader.ts';
import type { ImportIssue } from './report.ts';

/** A plain `~` or `null` is YAML's "nothing": the same as an empty value. */
const NULLS = new Set(['~', 'null', 'Null', 'NULL']);

/**
 * Reads a config.yml whose top-level `extensions:` list holds one mapping per user. Every scalar
 * is read as the text written (YAML's failsafe schema): `voicemail_pin: 0123` stays 0123 and
 * `allow_external: yes` is checked by the same flag rule as a CSV cell. Anchors, aliases and
 * `<<` merge keys work. Other top-level keys and unknown keys in entries are warnings.
 */
export function yamlReader(text: string): ImportReader {
  const fileErrors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];
  const lines = new LineCounter();
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : lines.linePos(offset).line);

  async function* rows(): AsyncGenerator<SourceRow> {
    const doc = parseDocument(text, { schema: 'failsafe', merge: true, lineCounter: lines, prettyErrors: false });
    for (const e of doc.errors) fileErrors.push({ at: { line: lineAt(e.pos[0]) }, message: firstLine(e.message) });
    if (fileErrors.length) return;
    const top = doc.contents;
    const list = isMap(top) ? top.get('extensions', true) : undefined;
    if (!isMap(top) || list === undefined) {
      fileErrors.push({ message: 'no top-level `extensions:` list' });
      return;
    }
    if (!isSeq(list)) {
      fileErrors.push({ at: { line: lineAt(list?.range?.[0]) }, message: '`extensions` must be a list (entries starting with "-")' });
      return;
    }
    for (const pair of top.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      if (key !== 'extensions') warnings.push({ at: { line: lineAt(isScalar(pair.key) ? pair.key.range?.[0] : undefined) }, column: key, message: 'top-level key not imported' });
    }
    if (!list.items.length) warnings.push({ at: { line: lineAt(list.range?.[0]) }, message: 'the extensions list is empty' });

    const unknown = new Map<string, { first: ImportIssue; count: number }>();
    for (const [i, node] of list.items.entries()) {
      const at = { entry: i + 1, line: lineAt((node as { range?: [number] } | null)?.range?.[0]) };
      const cells: RowCells = new Map();
      const problems: ImportIssue[] = [];
      let value: unknown;
      try {
        value = isMap(node) ? node.toJS(doc, { maxAliasCount: 100 }) : undefined;
      } catch (err) {
        problems.push({ at, message: `cannot be read: ${(err as Error).message}` });
      }
      if (!problems.length && (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)))
        problems.push({ at, message: 'must be a mapping of keys such as number: and name:' });
      for (const [key, raw] of Object.entries(problems.length ? {} : (value as Record<string, unknown>))) {
        const column = columnOf(key);
        if (!column) {
          const seen = unknown.get(key);
          if (seen) seen.count++;
          else unknown.set(key, { first: { at, column: key, message: 'unknown key, ignored' }, count: 1 });
          continue;
        }
        if (cells.has(column)) {
          problems.push({ at, column: key, message: `gives the same key as ${cells.get(column)!.key}` });
          continue;
        }
        if (raw !== null && typeof raw === 'object') {
          problems.push({ at, column: key, message: 'must be a single value, not a list or mapping' });
          continue;
        }
        const text = raw === null || raw === undefined || NULLS.has(String(raw)) ? '' : String(raw);
        cells.set(column, { key, value: text });
      }
      yield { at, cells, problems };
    }
    for (const { first, count } of unknown.values())
      warnings.push(count === 1 ? first : { ...first, message: `unknown key, ignored (in ${count} entries)` });
  }

  return { format: 'yaml', rows, fileErrors, warnings };
}

const firstLine = (message: string) => message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
