/** Sign-in throttling rules; the counting itself is one SQL statement (authenticate.ts). */
export type Limits = { slowAfter: number; lockAfter: number };
export type ThrottleState = { failures: number; windowStartedAt: Date; lockedUntil: Date | null };

const minutes = (n: number) => n * 60_000;
export const THROTTLE = {
  windowMs: minutes(Number(process.env.SIGNIN_WINDOW_MINUTES ?? 15)),
  lockMs: minutes(Number(process.env.SIGNIN_LOCK_MINUTES ?? 15)),
  maxDelayMs: 5_000,
  account: { slowAfter: 3, lockAfter: Number(process.env.SIGNIN_MAX_FAILURES ?? 5) } as Limits,
  address: { slowAfter: 10, lockAfter: 30 } as Limits,
};

export function lockRemainingMs(state: ThrottleState | null, now: Date): number {
  return state?.lockedUntil ? Math.max(0, state.lockedUntil.getTime() - now.getTime()) : 0;
}

/** How long to hold the answer to a failed attempt: nothing at first, then growing. */
export function delayMs(failures: number, limits: Limits): number {
  if (failures <= limits.slowAfter) return 0;
  return Math.min(THROTTLE.maxDelayMs, 500 * 2 ** (failures - limits.slowAfter - 1));
}

export const lockMessage = (ms: number) => {
  const mins = Math.max(1, Math.ceil(ms / 60_000));
  return `Too many failed sign-ins. Try again in ${mins} minute${mins === 1 ? '' : 's'}.`;
};
