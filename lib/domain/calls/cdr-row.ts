import { instantInZone } from '../zoned-time.ts';

/**
 * A row of Asterisk's `cdr` table as cdr_pgsql writes it (REFERENCE.md section 6, and the rows of
 * cdr-sample.csv): every column may be NULL (empty values are left out of the INSERT), times are
 * `timestamp without time zone` to the second in the zone cdr_pgsql was told (`timezone=`) or the
 * Asterisk host's own.
 */
export type CdrRow = {
  accountcode: string | null;
  src: string | null;
  dst: string | null;
  dcontext: string | null;
  clid: string | null;
  channel: string | null;
  dstchannel: string | null;
  lastapp: string | null;
  lastdata: string | null;
  start: string | null;
  answer: string | null;
  end: string | null;
  duration: number | null;
  billsec: number | null;
  disposition: string | null;
  amaflags: string | null;
  userfield: string | null;
  uniqueid: string | null;
  linkedid: string | null;
  peeraccount: string | null;
  sequence: number | null;
};

const TEXT = ['accountcode', 'src', 'dst', 'dcontext', 'clid', 'channel', 'dstchannel', 'lastapp', 'lastdata', 'start', 'answer', 'end', 'disposition', 'amaflags', 'userfield', 'uniqueid', 'linkedid', 'peeraccount'] as const;

/** A row from to_jsonb(cdr) (the inbox) or a CSV export of the table: '' counts as NULL. */
export function cdrRowFrom(raw: Record<string, unknown>): CdrRow {
  const row = {} as Record<string, unknown>;
  for (const k of TEXT) {
    const v = raw[k];
    row[k] = v === null || v === undefined || v === '' ? null : String(v);
  }
  for (const k of ['duration', 'billsec', 'sequence'] as const) {
    const v = raw[k];
    const n = v === null || v === undefined || v === '' ? null : Number(v);
    row[k] = n !== null && Number.isFinite(n) ? n : null;
  }
  return row as CdrRow;
}

/** `PJSIP/1001@acme.example.com-0000000c` -> `1001@acme.example.com`; other technologies -> null. */
export function endpointOfChannel(channel: string | null): string | null {
  const m = channel ? /^PJSIP\/(.+)-[0-9a-f]{8,}$/i.exec(channel) : null;
  return m ? m[1] : null;
}

/** `"acme 1001" <1001>` -> `acme 1001`; `"" <+1310...>` -> null. */
export function nameOfClid(clid: string | null): string | null {
  const m = clid ? /^"(.*)"\s*<[^>]*>$/.exec(clid) : null;
  const name = m ? m[1].replace(/\\"/g, '"').trim() : null;
  return name || null;
}

/** A cdr time (naive, in the zone cdr_pgsql wrote it in) as an instant. */
export const instantOf = (naive: string | null, zone: string): Date | null => instantInZone(naive, zone);
