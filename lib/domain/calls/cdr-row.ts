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

/**
 * A naive `YYYY-MM-DD HH:MM:SS` (or with a `T`) in an IANA zone, as the instant it names. For a
 * time that a daylight-saving change skips or repeats, the first reading wins.
 */
export function instantOf(naive: string | null, zone: string): Date | null {
  const m = naive ? /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(naive) : null;
  if (!m) return null;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  if (zone === 'UTC') return new Date(asUtc);
  // The zone's offset at that wall time, found by formatting a guess back into the zone.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) guess = asUtc - offsetAt(guess, zone);
  return new Date(guess);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function offsetAt(instant: number, zone: string): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(instant / 1000) * 1000;
}
