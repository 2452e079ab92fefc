/** The policy for SIP secrets typed by people. Pure: forms run it in the browser too. */
export const MIN_SECRET_LENGTH = 12;
export const MAX_SECRET_LENGTH = 64;

const COMMON = new Set(
  [
    'password', 'passw0rd', 'qwerty', 'letmein', 'welcome', 'admin', 'administrator', 'asterisk',
    'changeme', 'secret', 'iloveyou', 'dragon', 'monkey', 'football', 'sunshine', 'master',
    'trustno1', 'abc123', 'voip', 'sip', 'phone', 'default', 'freepbx', 'pbx', 'test', 'guest',
  ].map((w) => w.toLowerCase()),
);

function isSequentialOrRepeated(s: string): boolean {
  if (/^(.)\1+$/.test(s)) return true;
  if (/^(.{1,4})\1+$/.test(s)) return true; // abcabcabc, 12121212
  let up = true;
  let down = true;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    if (d !== 1) up = false;
    if (d !== -1) down = false;
  }
  return up || down;
}

/**
 * The policy for a secret an admin types in. Returns the problems, empty when it passes.
 * `;` and `^` are refused because Asterisk's realtime drivers split values on `;` and treat `^XX`
 * as an escape: such a secret would silently become a different one.
 */
export function secretPolicyProblems(secret: string, ctx: { number?: string; domain?: string } = {}): string[] {
  const problems: string[] = [];
  if (secret.length < MIN_SECRET_LENGTH) problems.push(`must be at least ${MIN_SECRET_LENGTH} characters`);
  if (secret.length > MAX_SECRET_LENGTH) problems.push(`must be at most ${MAX_SECRET_LENGTH} characters`);
  if (!/^[\x21-\x7e]*$/.test(secret)) problems.push('may only contain printable ASCII characters without spaces');
  if (/[;^]/.test(secret)) problems.push('may not contain ";" or "^" (Asterisk realtime treats them specially)');
  const lower = secret.toLowerCase();
  if (ctx.number && lower.includes(ctx.number)) problems.push('may not contain the extension number');
  if (ctx.domain && lower.includes(ctx.domain.split('.')[0])) problems.push("may not contain the tenant's domain");
  const stripped = lower.replace(/[^a-z]/g, '');
  if (COMMON.has(lower) || (stripped.length >= 4 && [...COMMON].some((w) => stripped === w)))
    problems.push('is a commonly used password');
  else if (isSequentialOrRepeated(secret)) problems.push('is a repeated or sequential pattern');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(secret)).length;
  if (secret.length < 16 && classes < 3)
    problems.push('needs three of: lower case, upper case, digits, symbols (or at least 16 characters)');
  return problems;
}
