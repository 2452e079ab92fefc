import 'server-only';

/**
 * Whether a request that changes something comes from our own pages. A browser sends the admin's
 * cookies with a POST that another site's form or script aims at us; such a request says so in
 * Sec-Fetch-Site (every current browser), or else in an Origin that is not ours. A request with
 * neither is not a browser's and is refused too: the portal's routes serve only its own pages.
 */
export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
