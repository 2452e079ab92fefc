import { NextResponse, type NextRequest } from 'next/server';

/**
 * The security headers that depend on the request: a Content-Security-Policy with a nonce of its
 * own (Next reads it from the request's CSP header while rendering and puts it on its scripts),
 * and HSTS when the portal is reached over HTTPS. The headers every response gets, static files
 * included, are in next.config.js. The root layout renders every page per request, so no page is
 * served from a build-time HTML file without the nonce.
 */
export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname === '/tenants' && isApiClient(request)) {
    // The old systems' `GET /tenants` shares its path with the portal's page: a request that
    // carries a token, or does not ask for HTML, is an API call.
    return NextResponse.rewrite(new URL('/api/legacy/tenants', request.url));
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const https = servedOverHttps(request);
  const csp = contentSecurityPolicy(nonce, https);
  const forwarded = new Headers(request.headers);
  forwarded.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set('Content-Security-Policy', csp);
  // Only over HTTPS: a browser ignores HSTS on plain HTTP, and a portal reached that way (a test,
  // a first start on localhost) must not pin itself to a scheme it does not serve.
  if (https) response.headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  return response;
}

function isApiClient(request: NextRequest): boolean {
  if (request.method !== 'GET') return false;
  if (request.headers.get('authorization')?.toLowerCase().startsWith('bearer ')) return true;
  // The portal's own navigations ask for HTML, or for React Server Components (RSC header).
  const accept = request.headers.get('accept') ?? '';
  return !request.headers.has('rsc') && !accept.includes('text/html') && !accept.includes('text/x-component');
}

/** Behind a TLS-terminating proxy (X-Forwarded-Proto) or deployed with an https NEXTAUTH_URL. */
function servedOverHttps(request: NextRequest): boolean {
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || request.nextUrl.protocol === 'https:' || !!process.env.NEXTAUTH_URL?.startsWith('https://');
}

function contentSecurityPolicy(nonce: string, https: boolean): string {
  // React needs eval in development only, for its server error stacks; never in production.
  const dev = process.env.NODE_ENV === 'development';
  return [
    "default-src 'self'",
    // 'strict-dynamic': the chunks Next's nonce-carrying scripts load are trusted through them.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export const config = {
  // Static files and JSON APIs get the fixed headers only (next.config.js): a nonce means nothing to them.
  // Nor to the CSV import's upload routes, and there it would cost: Next copies every body that
  // passes the proxy and cuts it at 10 MB (proxyClientMaxBodySize), while an upload may have 20 MiB.
  matcher: ['/((?!_next/static|_next/image|favicon\\.ico|favicon\\.svg|logo\\.svg|api/v1/|api/extensions|tenant/|tenants/[^/]+/extensions/import/).*)'],
};
