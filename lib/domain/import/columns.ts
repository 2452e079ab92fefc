/**
 * The one row shape of every import and of the CSV export: the names a spreadsheet's header or a
 * config.yml entry uses, and how a row of text becomes the input the extension rules check.
 * Pure: both readers, the export and the tests share it.
 */
import type { ExtensionInput } from '../extension/schemas.ts';

export const IMPORT_COLUMNS = [
  'number',
  'name',
  'email',
  'password',
  'allow_external',
  'active',
  'max_contacts',
  'voicemail',
  'voicemail_pin',
  'caller_id',
  'ad_synced',
  'ad_username',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** What an export writes: everything but the secrets (`voicemail` says whether a box exists). */
export const EXPORT_COLUMNS = IMPORT_COLUMNS.filter((c) => c !== 'password' && c !== 'voicemail_pin');

const ALIASES: Record<string, ImportColumn> = { display_name: 'name', secret: 'password' };
const KNOWN = new Set<string>(IMPORT_COLUMNS);

/** `Display Name`, `display-name` and `DISPLAY_NAME` all name the same column. */
export const normalizeKey = (key: string) => key.trim().toLowerCase().replace(/[\s-]+/g, '_');

export function columnOf(key: string): ImportColumn | undefined {
  const k = normalizeKey(key);
  return KNOWN.has(k) ? (k as ImportColumn) : ALIASES[k];
}

/** The domain field a column fills, so the rules' messages point back at the file's column. */
const FIELD_COLUMN: Record<string, ImportColumn> = {
  number: 'number',
  displayName: 'name',
  email: 'email',
  secret: 'password',
  allowExternal: 'allow_external',
  active: 'active',
  maxContacts: 'max_contacts',
  voicemailPin: 'voicemail_pin',
  callerId: 'caller_id',
  adSynced: 'ad_synced',
  adUsername: 'ad_username',
};
export const columnOfField = (field: string): ImportColumn | undefined => FIELD_COLUMN[field];

const TRUE = new Set(['true', 'yes', '1']);
const FALSE = new Set(['false', 'no', '0']);
export const FLAG_MESSAGE = 'must be true/false, yes/no or 1/0';

/** true/false/yes/no/1/0 in any case; empty is undefined (the default); anything else is an error. */
export function parseFlag(value: string | undefined): boolean | undefined | { error: string } {
  const v = value?.trim().toLowerCase() ?? '';
  if (v === '') return undefined;
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return { error: FLAG_MESSAGE };
}

/** A row as read: each known column's value, under the key the file wrote (for messages). */
export type RowCells = Map<ImportColumn, { key: string; value: string }>;

export type RowInput = {
  input: ExtensionInput;
  /** Problems found before the extension rules run, by the file's own key. */
  problems: Record<string, string[]>;
  /** `voicemail: yes` without a PIN: a box with a generated PIN. */
  generatePin: boolean;
};

/** Turns one row of text into the extension rules' input; flags and counts are read here. */
export function rowInput(cells: RowCells): RowInput {
  const problems: Record<string, string[]> = {};
  const get = (c: ImportColumn) => cells.get(c)?.value ?? '';
  const keyOf = (c: ImportColumn) => cells.get(c)?.key ?? c;
  const fail = (c: ImportColumn, message: string) => (problems[keyOf(c)] ??= []).push(message);
  const flag = (c: ImportColumn) => {
    const parsed = parseFlag(get(c));
    if (typeof parsed === 'object') fail(c, parsed.error);
    return typeof parsed === 'boolean' ? parsed : undefined;
  };
  const optional = (c: ImportColumn) => (cells.has(c) ? get(c) : undefined);

  if (get('number').trim() === '') fail('number', 'is required');
  const maxContacts = get('max_contacts').trim();
  if (maxContacts !== '' && !/^[0-9]+$/.test(maxContacts)) fail('max_contacts', 'must be a whole number');
  const pin = get('voicemail_pin').trim();
  const voicemail = flag('voicemail');
  if (voicemail === false && pin !== '') fail('voicemail', `is ${get('voicemail').trim()} but ${keyOf('voicemail_pin')} is given`);

  const input: ExtensionInput = {
    number: get('number'),
    displayName: get('name'),
    email: optional('email'),
    secret: optional('password'),
    allowExternal: flag('allow_external'),
    active: flag('active'),
    maxContacts: maxContacts === '' || problems[keyOf('max_contacts')] ? undefined : Number(maxContacts),
    voicemailPin: pin === '' ? null : pin,
    callerId: optional('caller_id'),
    adSynced: flag('ad_synced'),
    adUsername: optional('ad_username'),
  };
  return { input, problems, generatePin: voicemail === true && pin === '' };
}
