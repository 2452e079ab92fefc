import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { cookies } from 'next/headers';

/**
 * next-auth's CSRF token from its cookie, for a form that posts without JavaScript; null when the
 * cookie is missing or not signed with our secret. The cookie is `<token>|sha256(<token><secret>)`
 * (next-auth/core/lib/csrf-token.js, not exported); next-auth checks the posted token against it.
 * Only next-auth sets the cookie: a server component cannot.
 */
export async function csrfTokenFromCookie(): Promise<string | null> {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) return null;
  const secure = process.env.NEXTAUTH_URL?.startsWith('https://') ?? false;
  const value = (await cookies()).get(`${secure ? '__Host-' : ''}next-auth.csrf-token`)?.value;
  const [token, hash] = value?.split('|') ?? [];
  if (!token || !hash) return null;
  const expected = Buffer.from(createHash('sha256').update(`${token}${secret}`).digest('hex'));
  const given = Buffer.from(hash);
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}
