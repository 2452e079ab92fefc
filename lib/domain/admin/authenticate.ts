import { isIP } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { parseInput } from '../parse.ts';
import { actorForAdmin } from './actor-for-admin.ts';
import { verifyPassword } from './password.ts';
import { signInInput } from './schemas.ts';
import { ACCOUNT_DISABLED, WRONG_CREDENTIALS, lockMessage } from './sign-in-messages.ts';
import { THROTTLE, delayMs, throttleKeys, type Scope } from './throttle-rules.ts';

export type SignedIn = { id: string; email: string; name: string; role: string; tenantId: string | null; sessionVersion: number };

/** Refused before or after the password check because of too many failures; says for how long. */
export class SignInLocked extends AppError {
  constructor(
    readonly retryAfterMs: number,
    readonly scope: Scope,
  ) {
    super('rate_limited', lockMessage(retryAfterMs));
  }
}

type Slot = { slot_key: string; slot_failures: number; slot_wait_secs: number; admitted: boolean };

/**
 * Checks an e-mail and password from a client address (null when unknown: those share one
 * counter). Each attempt first takes a slot on its counters (throttle-rules.ts) in one statement
 * that also checks the locks, so no burst gets more password checks than the limits allow. Answers
 * to failures slow down after a few; a locked counter refuses even the right password, with a
 * message that says for how long. The wrong-password message never says which part was wrong.
 */
export async function authenticate(
  db: Db,
  input: { email: string; password: string },
  clientAddress: string | null,
): Promise<SignedIn> {
  const { email, password } = parseInput(signInInput, input);
  // Anything but a plain address (a forged header, say) is "unknown", never a database value.
  const address = clientAddress && clientAddress.length <= 45 && isIP(clientAddress) ? clientAddress : null;
  const keys = throttleKeys(email, address);
  const slots = await db.$queryRaw<Slot[]>`
    SELECT * FROM sb_sign_in_take_slots(${keys.map((k) => k.key)}::text[], ${keys.map((k) => k.limits.lockAfter)}::int[],
                                        ${THROTTLE.windowMs / 1000}::float8, ${THROTTLE.lockMs / 1000}::float8)`;
  const byKey = new Map(keys.map((k) => [k.key, k]));
  const lockedBy = (rows: Slot[]) => {
    const worst = rows.filter((s) => s.slot_wait_secs > 0).sort((a, b) => b.slot_wait_secs - a.slot_wait_secs)[0];
    return worst ? new SignInLocked(worst.slot_wait_secs * 1000, byKey.get(worst.slot_key)!.scope) : null;
  };
  if (!slots[0]?.admitted) throw lockedBy(slots) ?? new SignInLocked(THROTTLE.lockMs, 'account');

  const user = await db.adminUser.findUnique({ where: { email }, omit: { passwordHash: false } });
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!ok || !user) {
    // The slots stay taken: they were this failure, counted before the check.
    await sleep(Math.max(...slots.map((s) => delayMs(s.slot_failures, byKey.get(s.slot_key)!.limits))));
    throw lockedBy(slots) ?? new AppError('unauthenticated', WRONG_CREDENTIALS);
  }

  await giveBackSlots(db, keys);
  if (user.disabled) throw new AppError('forbidden', ACCOUNT_DISABLED);
  await db.$transaction(async (tx) => {
    await tx.adminUser.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    const actor = await actorForAdmin(tx, user.id);
    await recordAudit(tx, actor!, {
      action: 'admin.sign_in',
      tenantId: user.tenantId,
      targetType: 'admin',
      targetId: user.id,
      targetLabel: user.email,
      after: { address },
    });
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role, tenantId: user.tenantId, sessionVersion: user.sessionVersion };
}

/**
 * The right password was not a failure: its slots are given back. The pair's count is forgotten
 * (the owner's own typos); the address and account counts are not reset, or signing in to one's
 * own account between guesses would wipe the guesses at others from the count.
 */
async function giveBackSlots(db: Db, keys: ReturnType<typeof throttleKeys>) {
  const shared = keys.filter((k) => k.scope !== 'pair');
  await db.$executeRaw`
    UPDATE sb_sign_in_throttle t SET
      failures = GREATEST(t.failures - 1, 0),
      locked_until = CASE WHEN t.failures - 1 < k.lock_after THEN NULL ELSE t.locked_until END,
      updated_at = now()
    FROM unnest(${shared.map((k) => k.key)}::text[], ${shared.map((k) => k.limits.lockAfter)}::int[]) AS k(key, lock_after)
    WHERE t.key = k.key`;
  await db.signInThrottle.deleteMany({ where: { key: { in: keys.filter((k) => k.scope === 'pair').map((k) => k.key) } } });
}
