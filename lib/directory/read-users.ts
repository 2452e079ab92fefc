import type { Client } from 'ldapts';
import { mapEntry, requestedAttributes, type EntryMapping, type RawEntry } from '../domain/directory/map-entry.ts';
import type { DirectoryUser } from '../domain/directory/plan.ts';

/** AD answers at most 1,000 entries a page (MaxPageSize); asking for fewer keeps pages cheap. */
export const PAGE_SIZE = 500;

export type ReadProgress = (read: number) => void;
export type ReadResult = { users: DirectoryUser[]; entries: number; withoutId: number };

/** Every user the filter finds under the base DN, page by page, restricted to a group's members. */
export async function readUsers(
  client: Client,
  q: { baseDn: string; userFilter: string; groupDn: string | null; mapping: EntryMapping; limit?: number; pageSize?: number },
  onProgress?: ReadProgress,
): Promise<ReadResult> {
  const members = q.groupDn ? await groupMembers(client, q.groupDn) : null;
  const users: DirectoryUser[] = [];
  let entries = 0;
  let withoutId = 0;
  const pages = client.searchPaginated(q.baseDn, {
    scope: 'sub',
    filter: q.userFilter,
    attributes: requestedAttributes(q.mapping),
    explicitBufferAttributes: ['objectGUID'],
    paged: { pageSize: q.pageSize ?? PAGE_SIZE },
  });
  for await (const page of pages) {
    for (const entry of page.searchEntries) {
      if (members && !members.has(entry.dn.toLowerCase())) continue;
      entries++;
      const user = mapEntry(entry as unknown as RawEntry, q.mapping);
      if (user) users.push(user);
      else withoutId++;
      if (q.limit && entries >= q.limit) return { users, entries, withoutId };
    }
    onProgress?.(entries);
  }
  return { users, entries, withoutId };
}

/**
 * A group's member DNs, lower-cased. AD returns large groups in ranges (`member;range=0-1499`,
 * then `member;range=1500-*` ...), never the whole list at once; other servers return `member`.
 */
export async function groupMembers(client: Client, groupDn: string): Promise<Set<string>> {
  const out = new Set<string>();
  let start = 0;
  for (let round = 0; round < 10_000; round++) {
    const { searchEntries } = await client.search(groupDn, { scope: 'base', attributes: [`member;range=${start}-*`, 'member', 'uniqueMember'] });
    const entry = searchEntries[0] as Record<string, unknown> | undefined;
    if (!entry) return out;
    const next = collectRange(entry, out);
    if (next === null) return out;
    start = next;
  }
  return out;
}

/** Adds the values of one answer; the start of the next range, or null when this was the last. */
export function collectRange(entry: Record<string, unknown>, into: Set<string>): number | null {
  const add = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).forEach((dn) => into.add(String(dn).toLowerCase()));
  for (const [key, value] of Object.entries(entry)) {
    const ranged = key.match(/^member;range=(\d+)-(\d+|\*)$/i);
    // ldapts lists every requested attribute, empty when the server sent none: only AD's answer counts.
    if (ranged && Array.isArray(value) && value.length === 0) continue;
    if (ranged) {
      add(value);
      return ranged[2] === '*' ? null : Number(ranged[2]) + 1;
    }
  }
  add(entry.member);
  add(entry.uniqueMember);
  return null;
}
