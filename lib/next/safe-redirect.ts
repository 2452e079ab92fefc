/**
 * Where to go after signing in, from a `callbackUrl` anyone can put in a link. Only a path on this
 * origin is followed. Pure, so the server and the browser apply the same rule.
 *
 * The URL is resolved the way a browser would (WHATWG parsing: `\` is `/` and tabs and newlines
 * are dropped, so `//evil`, `/\evil` and `/\t/evil` all name another host) and kept only when the
 * origin is ours. What comes back is a path with one leading slash: `//x` would be a
 * protocol-relative link to host x wherever it is used as an href.
 */
const PLACEHOLDER = 'http://callback.invalid';

export function safeCallbackPath(raw: string | null | undefined, origin?: string | null, fallback = '/'): string {
  if (!raw || raw.length > 2048) return fallback;
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin || PLACEHOLDER);
    target = new URL(raw, base);
  } catch {
    return fallback;
  }
  if (target.origin !== base.origin) return fallback;
  const path = `${target.pathname.replace(/^\/+/, '/')}${target.search}${target.hash}`;
  return path.startsWith('/') ? path : fallback;
}

/** Where the sign-in page sends a signed-in admin: never back to itself (a loop) or next-auth's routes. */
export function afterSignInPath(raw: string | null | undefined, origin?: string | null): string {
  const path = safeCallbackPath(raw, origin);
  return /^\/(signin|api\/auth)(\/|\?|#|$)/.test(path) ? '/' : path;
}
