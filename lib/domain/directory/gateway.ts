import type { EntryMapping } from './map-entry.ts';
import type { DirectoryUser } from './plan.ts';

export type DirectoryConnection = { url: string; startTls: boolean; allowPlain: boolean; caCert: string | null; bindDn: string; bindPassword: string };
export type DirectoryQuery = { baseDn: string; userFilter: string; groupDn: string | null; mapping: EntryMapping; pageSize?: number };
export type DirectoryRead = { users: DirectoryUser[]; entries: number; withoutId: number } | { error: string };

/** How the domain reaches a directory; lib/directory implements it with ldapts, tests may fake it. */
export interface DirectoryGateway {
  read(conn: DirectoryConnection, query: DirectoryQuery, onProgress?: (read: number) => void): Promise<DirectoryRead>;
}
