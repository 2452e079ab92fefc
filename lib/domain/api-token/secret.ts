import { createHash, randomBytes } from 'node:crypto';

/** `sbt_` and 32 random bytes in base64url: greppable in leaked logs, 256 bits to guess. */
const PREFIX = 'sbt_';
const SHAPE = /^sbt_[A-Za-z0-9_-]{43}$/;
/** What lists show of a token: enough to tell tokens apart, far too little to use one. */
export const DISPLAY_PREFIX_LENGTH = 12;

export const generateToken = () => PREFIX + randomBytes(32).toString('base64url');
export const looksLikeToken = (s: string) => SHAPE.test(s);

/**
 * SHA-256, unsalted: the token is 256 random bits, so no table or guessing can reverse it, and
 * every API request can look its token up by an index instead of paying for a password hash.
 */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
