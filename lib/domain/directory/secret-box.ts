/**
 * The directory's bind password at rest: AES-256-GCM under DIRECTORY_SECRET_KEY (32 bytes, base64
 * or hex), with the tenant's id as additional data, so a ciphertext copied into another tenant's
 * row does not decrypt. Stored as `v1:<iv>:<tag>:<ciphertext>` (base64), so the key or the
 * scheme can change later without guessing what an old value was.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../../errors.ts';

export function directoryKey(raw = process.env.DIRECTORY_SECRET_KEY): Buffer {
  const text = raw?.trim() ?? '';
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32)
    throw new AppError('unavailable', 'DIRECTORY_SECRET_KEY must be 32 random bytes (base64 or hex), e.g. from `openssl rand -base64 32`');
  return key;
}

export function sealSecret(plain: string, tenantId: string, key = directoryKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(tenantId));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64'))).join(':');
}

export function openSecret(sealed: string, tenantId: string, key = directoryKey()): string {
  // Empty: a tenant restored from a backup, which never carries the password.
  if (!sealed) throw new AppError('unavailable', 'No bind password is stored (these settings were restored from a backup); enter it again');
  const [version, iv, tag, body] = sealed.split(':');
  if (version !== 'v1' || !iv || !tag || body === undefined) throw new AppError('unavailable', 'The stored bind password is in an unknown format; enter it again');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(tenantId));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new AppError('unavailable', 'The stored bind password cannot be decrypted (was DIRECTORY_SECRET_KEY changed?); enter it again');
  }
}
