import { hash, verify } from '@node-rs/argon2';
import { generateSecret } from '../sip/secret.ts';

// argon2id with OWASP's suggested minimum (19 MiB, 2 passes): ~30 ms here, slow enough for guessing.
const OPTIONS = { algorithm: 2 /* argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

/** A fixed hash to verify against when the account does not exist, so timing does not tell. */
let decoy: string | undefined;

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  decoy ??= await hashPassword(generateSecret());
  try {
    const ok = await verify(storedHash ?? decoy, password);
    return storedHash !== null && ok;
  } catch {
    return false;
  }
}

export const generatePassword = () => generateSecret(20);
