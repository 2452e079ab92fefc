import { createHash, randomInt } from 'node:crypto';

/** No 0/O, 1/l/I: secrets are sometimes typed into a phone's keypad or web UI by hand. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
export const GENERATED_SECRET_LENGTH = 24; // ~140 bits

export function generateSecret(length = GENERATED_SECRET_LENGTH): string {
  // join, not `+=`: V8 keeps a string built by += as a chain of one node per character (about
  // 800 bytes for 24 characters), and an import holds 100,000 of them until they are written.
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** HA1 of RFC 2617 digest auth: what Asterisk's `md5_cred` holds. */
export function md5Credential(username: string, realm: string, secret: string): string {
  return createHash('md5').update(`${username}:${realm}:${secret}`).digest('hex');
}

/** RFC 7616 SHA-256 HA1 in the `password_digest` format Asterisk 22.2+ reads. */
export function sha256Digest(username: string, realm: string, secret: string): string {
  return `SHA-256:${createHash('sha256').update(`${username}:${realm}:${secret}`).digest('hex')}`;
}
