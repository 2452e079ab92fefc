/**
 * Sign-in failures travel as a code in the URL (next-auth redirects to `/signin?error=<code>`, and
 * hands the same code to the form's signIn() call). The page shows words for known codes only:
 * the query string is anyone's to write, so it is never shown as it is, and no exception text
 * (a database error, say) is ever put there. Pure: the browser uses signInErrorMessage too.
 */
import { ACCOUNT_DISABLED, WRONG_CREDENTIALS, lockMessage } from '../domain/admin/sign-in-messages.ts';

export const SIGN_IN_FAILED = 'Sign-in failed because of a problem on our side. It was logged; please try again.';
export const SIGN_IN_DID_NOT_WORK = 'Sign-in did not work. Please try again.';
export const MISSING_FIELDS = 'Enter your e-mail and password.';

export const signInCodes = {
  wrong: 'CredentialsSignin', // next-auth's own code for a refused credentials sign-in
  disabled: 'AccountDisabled',
  missing: 'MissingFields',
  failed: 'SignInFailed',
  locked: (ms: number) => `TooManyAttempts-${Math.max(1, Math.min(24 * 60, Math.ceil(ms / 60_000)))}`,
} as const;

export function signInErrorMessage(code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  if (code === signInCodes.wrong) return WRONG_CREDENTIALS;
  if (code === signInCodes.disabled) return ACCOUNT_DISABLED;
  if (code === signInCodes.missing) return MISSING_FIELDS;
  const locked = code.match(/^TooManyAttempts-(\d{1,4})$/);
  if (locked) return lockMessage(Math.min(24 * 60, Number(locked[1])) * 60_000);
  if (code === signInCodes.failed) return SIGN_IN_FAILED;
  return SIGN_IN_DID_NOT_WORK;
}
