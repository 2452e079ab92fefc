/** Directory entries for the test slapd, and their LDIF (RFC 2849) as slapadd and ldapmodify read it. */
export type Values = string | string[];
export interface DirEntry {
  dn: string;
  attributes: Record<string, Values>;
}
/** A modify: `delete` with an empty list (or null) removes the whole attribute. */
export interface DirChanges {
  add?: Record<string, Values>;
  replace?: Record<string, Values>;
  delete?: Record<string, Values | null>;
}

const list = (v: Values | null | undefined): string[] => (v == null ? [] : Array.isArray(v) ? v : [v]);

// RFC 2849 SAFE-STRING: anything else (UTF-8 names, leading space or colon, line breaks) must go as
// base64, or OpenLDAP's parser rejects or silently trims it.
const SAFE = /^(?:[\x01-\x09\x0b\x0c\x0e-\x1f\x21-\x39\x3b\x3d-\x7f][\x01-\x09\x0b\x0c\x0e-\x7f]*)?$/;
function line(name: string, value: string): string {
  return SAFE.test(value) && !value.endsWith(' ') ? `${name}: ${value}` : `${name}:: ${Buffer.from(value, 'utf8').toString('base64')}`;
}

const attrLines = (attrs: Record<string, Values | null>) =>
  Object.entries(attrs).flatMap(([name, v]) => list(v).map((x) => line(name, x)));

/** Content records (for slapadd, or ldapadd-style input with `changetype: add`). */
export function entriesToLdif(entries: DirEntry[], changetype = false): string {
  return entries
    .map((e) => [line('dn', e.dn), ...(changetype ? ['changetype: add'] : []), ...attrLines(e.attributes)].join('\n') + '\n')
    .join('\n');
}

export function modifyLdif(dn: string, changes: DirChanges): string {
  const ops: string[] = [];
  for (const op of ['add', 'replace', 'delete'] as const) {
    for (const [name, v] of Object.entries(changes[op] ?? {})) ops.push([`${op}: ${name}`, ...list(v).map((x) => line(name, x)), '-'].join('\n'));
  }
  if (!ops.length) throw new Error(`modify ${dn}: no changes`);
  return [line('dn', dn), 'changetype: modify', ...ops].join('\n') + '\n';
}

export const deleteLdif = (dn: string) => `${line('dn', dn)}\nchangetype: delete\n`;

/** A rename keeps entryUUID: the sync must follow a user moved between OUs by that, not by DN. */
export function renameLdif(dn: string, newRdn: string, newSuperior?: string): string {
  return [line('dn', dn), 'changetype: modrdn', line('newrdn', newRdn), 'deleteoldrdn: 1', ...(newSuperior ? [line('newsuperior', newSuperior)] : [])].join('\n') + '\n';
}
