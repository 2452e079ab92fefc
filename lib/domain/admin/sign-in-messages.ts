/**
 * What a person signing in is told. Pure and free of server code: the sign-in form shows the same
 * words for an answer that came back as a code in the URL (see lib/next/sign-in-errors.ts).
 */
export const WRONG_CREDENTIALS = 'Wrong e-mail or password.';
export const ACCOUNT_DISABLED = 'This account is disabled. Ask a platform admin.';

export const lockMessage = (ms: number) => {
  const mins = Math.max(1, Math.ceil(ms / 60_000));
  return `Too many failed sign-ins. Try again in ${mins} minute${mins === 1 ? '' : 's'}.`;
};
