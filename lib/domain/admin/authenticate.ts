import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { parseInput } from '../parse.ts';
import { verifyPassword } from './password.ts';
import { signInInput } from './schemas.ts';
import { THROTTLE, afterFailure, delayMs, lockMessage, lockRemainingMs, type Limits, type ThrottleState } from './throttle-rules.ts';
import { actorForAdmin } from './actor-for-admin.ts';

export type SignedIn = { id: string; email: string; name: string; role: string; tenantId: string | null };

/**
 * Checks an e-mail and password. Failures are counted per account and per client address:
 * answers slow down after a few, and the account (or address) is refused for a while after more,
 * even with the right password. The wrong-password message never says which part was wrong.
 */
export async function authenticate(
  db: Db,
  input: { email: string; password: string },
  clientAddress: string | null,
): Promise<SignedIn> {
  const { email, password } = parseInput(signInInput, input);
  const now = new Date();
  const keys: [string, Limits][] = [[`account:${email}`, THROTTLE.account]];
  if (clientAddress) keys.push([`ip:${clientAddress}`, THROTTLE.address]);
  const states = await db.signInThrottle.findMany({ where: { key: { in: keys.map(([k]) => k) } } });
  const locked = Math.max(0, ...states.map((s) => lockRemainingMs(s, now)));
  if (locked > 0) throw new AppError('rate_limited', lockMessage(locked));

  const user = await db.adminUser.findUnique({ where: { email }, omit: { passwordHash: false } });
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!ok || !user) {
    let wait = 0;
    let lockedNow = 0;
    for (const [key, limits] of keys) {
      const next = afterFailure((states.find((s) => s.key === key) as ThrottleState | undefined) ?? null, limits, now);
      await db.signInThrottle.upsert({ where: { key }, create: { key, ...next, updatedAt: now }, update: { ...next, updatedAt: now } });
      wait = Math.max(wait, delayMs(next.failures, limits));
      lockedNow = Math.max(lockedNow, lockRemainingMs(next, now));
    }
    await sleep(wait);
    if (lockedNow > 0) throw new AppError('rate_limited', lockMessage(lockedNow));
    throw new AppError('unauthenticated', 'Wrong e-mail or password.');
  }
  if (user.disabled) throw new AppError('unauthenticated', 'This account is disabled. Ask a platform admin.');

  await db.signInThrottle.deleteMany({ where: { key: `account:${email}` } });
  await db.$transaction(async (tx) => {
    await tx.adminUser.update({ where: { id: user.id }, data: { lastLoginAt: now } });
    const actor = await actorForAdmin(tx, user.id);
    await recordAudit(tx, actor!, {
      action: 'admin.sign_in',
      tenantId: user.tenantId,
      targetType: 'admin',
      targetId: user.id,
      targetLabel: user.email,
      after: { address: clientAddress },
    });
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role, tenantId: user.tenantId };
}
