/**
 * The sign-in door: next-auth's authorize() hands over the posted fields and the request headers;
 * this works out the client address, calls the use case and turns every failure into a code.
 * next-auth puts a thrown message into the redirect URL as it is, so only codes from
 * sign-in-errors.ts are ever thrown; anything unexpected is logged here and the client gets
 * SignInFailed. Kept free of 'server-only' so the tests can call it with a real database.
 */
import type { Db } from '../db/client.ts';
import { authenticate, SignInLocked, type SignedIn } from '../domain/admin/authenticate.ts';
import { isAppError } from '../errors.ts';
import { log } from '../log.ts';
import { chooseClientAddress, parseTrustedProxies, type TrustedProxies } from './client-address.ts';
import { peerFromHeaders } from './peer-stamp.ts';
import { signInCodes } from './sign-in-errors.ts';

type HeaderBag = Record<string, string | string[] | undefined> | undefined;

let fromEnv: TrustedProxies | undefined;

/** TRUSTED_PROXIES, read once; entries that are not addresses are logged and ignored. */
export function trustedProxies(): TrustedProxies {
  if (!fromEnv) {
    fromEnv = parseTrustedProxies(process.env.TRUSTED_PROXIES);
    if (fromEnv.invalid.length) log.error('TRUSTED_PROXIES entries that are not IP addresses or CIDRs are ignored', { invalid: fromEnv.invalid });
  }
  return fromEnv;
}

export function clientAddressOf(headers: HeaderBag, trusted: TrustedProxies = trustedProxies()): string | null {
  return chooseClientAddress(peerFromHeaders(headers), headers?.['x-forwarded-for'], trusted);
}

const field = (v: unknown) => (typeof v === 'string' ? v : '');

export async function signInWithCredentials(
  db: Db | (() => Db),
  credentials: Record<string, unknown> | undefined,
  headers: HeaderBag,
  trusted?: TrustedProxies,
): Promise<SignedIn> {
  const email = field(credentials?.email);
  const password = field(credentials?.password);
  let address: string | null = null;
  try {
    address = clientAddressOf(headers, trusted);
    return await authenticate(typeof db === 'function' ? db() : db, { email, password }, address);
  } catch (err) {
    if (err instanceof SignInLocked) throw new Error(signInCodes.locked(err.retryAfterMs));
    if (isAppError(err) && err.code === 'validation') throw new Error(email.trim() && password ? signInCodes.wrong : signInCodes.missing);
    if (isAppError(err) && err.code === 'unauthenticated') throw new Error(signInCodes.wrong);
    if (isAppError(err) && err.code === 'forbidden') throw new Error(signInCodes.disabled);
    log.error('sign-in failed', { err, address });
    throw new Error(signInCodes.failed);
  }
}
