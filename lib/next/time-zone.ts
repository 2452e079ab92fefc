import 'server-only';
import { cookies } from 'next/headers';
import { isTimeZone } from '../domain/zoned-time.ts';

/** The cookie the browser sets to its own zone (components/portal/time-zone-cookie.tsx). */
export const TIME_ZONE_COOKIE = 'sb_tz';

/** The signed-in admin's time zone as their browser reports it; UTC until it has. */
export async function adminTimeZone(): Promise<string> {
  const zone = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  return zone && isTimeZone(zone) ? zone : 'UTC';
}
