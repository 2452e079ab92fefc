import { guidFromBytes } from './guid.ts';
import { extractNumber, type NumberRule } from './number-rule.ts';
import type { DirectoryUser } from './plan.ts';

/** What the mapping reads from each entry; the adapter asks the directory for these attributes. */
export type EntryMapping = {
  numberAttribute: string;
  numberRule: NumberRule;
  nameAttribute: string;
  emailAttribute: string;
  loginAttribute: string;
  idAttribute: string;
  disabledMode: 'uac' | 'attribute' | 'none';
  disabledAttribute: string | null;
  disabledValue: string | null;
};

export type RawEntry = { dn: string } & Record<string, unknown>;

/** AD's userAccountControl bit 2: ACCOUNTDISABLE. */
const ACCOUNT_DISABLE = 0x2;

export const requestedAttributes = (m: EntryMapping) =>
  [...new Set([m.numberAttribute, m.nameAttribute, m.emailAttribute, m.loginAttribute, m.idAttribute, 'cn',
    ...(m.disabledMode === 'uac' ? ['userAccountControl'] : m.disabledMode === 'attribute' && m.disabledAttribute ? [m.disabledAttribute] : [])])];

/** Attribute names are case-insensitive in LDAP; entries come back in the server's spelling. */
function read(entry: RawEntry, name: string): unknown {
  if (name in entry) return entry[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(entry)) if (key.toLowerCase() === lower) return entry[key];
  return undefined;
}

function text(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined || first === null) return null;
  const s = (Buffer.isBuffer(first) ? first.toString('utf8') : String(first)).trim();
  return s === '' ? null : s;
}

function stableId(value: unknown, attribute: string): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (Buffer.isBuffer(first) || first instanceof Uint8Array) {
    if (first.length === 16) return guidFromBytes(first);
    return Buffer.from(first).toString('hex');
  }
  const s = text(first);
  // objectGUID asked for as a string arrives garbled; only bytes are trusted for it.
  return s && attribute.toLowerCase() !== 'objectguid' ? s.toLowerCase() : null;
}

/** An entry as a directory user, or null when it has no stable id (it could not be followed). */
export function mapEntry(entry: RawEntry, m: EntryMapping): DirectoryUser | null {
  const id = stableId(read(entry, m.idAttribute), m.idAttribute);
  if (!id) return null;
  const login = text(read(entry, m.loginAttribute));
  const name = text(read(entry, m.nameAttribute)) ?? text(read(entry, 'cn')) ?? login ?? entry.dn;
  const email = text(read(entry, m.emailAttribute))?.toLowerCase() ?? null;
  const extracted = extractNumber(text(read(entry, m.numberAttribute)), m.numberRule);
  let disabled = false;
  if (m.disabledMode === 'uac') disabled = (Number(text(read(entry, 'userAccountControl')) ?? 0) & ACCOUNT_DISABLE) !== 0;
  else if (m.disabledMode === 'attribute' && m.disabledAttribute) {
    const raw = read(entry, m.disabledAttribute);
    const values = (Array.isArray(raw) ? raw : [raw]).map(text).filter((v): v is string => v !== null);
    disabled = values.some((v) => v.toLowerCase() === (m.disabledValue ?? '').toLowerCase());
  }
  return {
    id,
    dn: entry.dn,
    login,
    name: name.slice(0, 80),
    email: email && email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null,
    number: 'number' in extracted ? extracted.number : null,
    numberProblem: 'problem' in extracted ? extracted.problem : null,
    disabled,
  };
}
