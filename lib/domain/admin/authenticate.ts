import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { parseInput } from '../parse.ts';
import { verifyPassword } from './password.ts';
import { signInInput } from './schemas.ts';
import { THROTTLE, delayMs, lockMessage, lockRemainingMs, type Limits } from './throttle-rules.ts';
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
      const failures = await countFailure(db, key, limits);
      wait = Math.max(wait, delayMs(failures, limits));
      if (failures >= limits.lockAfter) lockedNow = Math.max(lockedNow, THROTTLE.lockMs);
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

/**
 * One more failure for a key, counted in one statement: concurrent guesses each count (a
 * read-then-write would let a burst count as one). A new window starts when the old one passed.
 */
async function countFailure(db: Db, key: string, limits: Limits): Promise<number> {
  const windowSeconds = THROTTLE.windowMs / 1000;
  const lockSeconds = THROTTLE.lockMs / 1000;
  const [row] = await db.$queryRaw<{ failures: number }[]>`
    INSERT INTO sb_sign_in_throttle AS t (key, failures, window_started_at, locked_until, updated_at)
    VALUES (${key}, 1, now(), CASE WHEN 1 >= ${limits.lockAfter} THEN now() + make_interval(secs => ${lockSeconds}) END, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.window_started_at < now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE t.failures + 1 END,
      window_started_at = CASE WHEN t.window_started_at < now() - make_interval(secs => ${windowSeconds}) THEN now() ELSE t.window_started_at END,
      locked_until = CASE
        WHEN (CASE WHEN t.window_started_at < now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE t.failures + 1 END) >= ${limits.lockAfter}
        THEN now() + make_interval(secs => ${lockSeconds}) ELSE t.locked_until END,
      updated_at = now()
    RETURNING failures`;
  return row.failures;
}
