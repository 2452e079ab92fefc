import { z } from 'zod';
import { CALL_DIRECTIONS, CALL_OUTCOMES, type CallListQuery } from '@/lib/domain/calls/schemas';
import { parseSearchParams, type SearchParams } from '@/lib/domain/parse';
import { instantInZone } from '@/lib/domain/zoned-time';

/** The Calls page's address: a range preset or wall-clock times in the admin's zone, and filters. */
export const callUrlParams = z.object({
  range: z.enum(['today', '7d', '30d', 'custom']).default('7d'),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/).optional(),
  extension: z.string().regex(/^[0-9]{1,10}$/).optional(),
  direction: z.enum(CALL_DIRECTIONS).optional(),
  outcome: z.enum(CALL_OUTCOMES).optional(),
  q: z.string().trim().max(40).optional(),
  cursor: z.string().max(500).regex(/^[A-Za-z0-9_-]+$/).optional(),
});
export type CallUrl = z.output<typeof callUrlParams>;

export const RANGES = { today: 'Today', '7d': 'Last 7 days', '30d': 'Last 30 days', custom: 'From … to' } as const;

export function readCallUrl(sp: SearchParams): CallUrl {
  return parseSearchParams(callUrlParams, sp);
}

/** What the domain is asked for: the preset or the admin's wall-clock times as instants. */
export function callQueryOf(u: CallUrl, zone: string, now = new Date()): CallListQuery {
  let from: Date | undefined;
  let to: Date | undefined;
  if (u.range === 'custom') {
    from = instantInZone(u.from, zone) ?? undefined;
    to = instantInZone(u.to, zone) ?? undefined;
  } else if (u.range === 'today') {
    const midnight = instantInZone(`${now.toLocaleDateString('en-CA', { timeZone: zone })}T00:00`, zone);
    from = midnight ?? undefined;
  } else {
    from = new Date(now.getTime() - (u.range === '7d' ? 7 : 30) * 86_400_000);
  }
  return { from, to, extension: u.extension, direction: u.direction, outcome: u.outcome, q: u.q || undefined, cursor: u.cursor };
}

export function callUrl(base: string, u: Partial<CallUrl>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(u)) if (v) p.set(k, String(v));
  const s = p.toString();
  return s ? `${base}?${s}` : base;
}
