/** Wall-clock times in IANA zones (an admin's, or the one Asterisk wrote its call records in). */

/** True for a zone this runtime knows (`Europe/Berlin`, `UTC`), false for anything else. */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * A naive `YYYY-MM-DD HH:MM[:SS]` (or with a `T`) in an IANA zone, as the instant it names. For a
 * time that a daylight-saving change skips or repeats, the first reading wins.
 */
export function instantInZone(naive: string | null | undefined, zone: string): Date | null {
  const m = naive ? /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(naive) : null;
  if (!m) return null;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  if (Number.isNaN(asUtc)) return null;
  if (zone === 'UTC') return new Date(asUtc);
  // The zone's offset at that wall time, found by formatting a guess back into the zone.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) guess = asUtc - offsetAt(guess, zone);
  return new Date(guess);
}

/** An instant as `YYYY-MM-DDTHH:MM` on the wall clock of a zone (what <input type=datetime-local> holds). */
export function wallClock(instant: Date, zone: string): string {
  const p = parts(instant.getTime(), zone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function parts(instant: number, zone: string): Record<string, string> {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, f);
  }
  return Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
}

function offsetAt(instant: number, zone: string): number {
  const p = parts(instant, zone);
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second) - Math.floor(instant / 1000) * 1000;
}
