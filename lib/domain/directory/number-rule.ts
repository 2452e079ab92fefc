/** How a directory attribute (ipPhone, telephoneNumber, ...) becomes an extension number. */
export type NumberRule =
  | { kind: 'digits' }
  | { kind: 'last_digits'; count: number }
  | { kind: 'regex'; pattern: string };

export type NumberResult = { number: string } | { problem: string };

/** The extension number a value gives under the rule, or why it gives none. */
export function extractNumber(raw: string | null | undefined, rule: NumberRule): NumberResult {
  const value = (raw ?? '').trim();
  if (!value) return { problem: 'has no number' };
  // Phone attributes are short; a long value is not a number, and must not feed a costly pattern.
  if (value.length > 64) return { problem: 'the number attribute is too long to be a phone number' };
  let digits: string;
  if (rule.kind === 'regex') {
    let re: RegExp;
    try {
      re = new RegExp(rule.pattern);
    } catch {
      return { problem: 'the number rule\'s regular expression is invalid' };
    }
    const m = value.match(re);
    if (!m) return { problem: `"${value}" does not match the number rule` };
    digits = (m[1] ?? m[0]).replace(/\D/g, '');
  } else {
    digits = value.replace(/\D/g, '');
    if (rule.kind === 'last_digits') digits = digits.length >= rule.count ? digits.slice(-rule.count) : '';
  }
  if (!digits) return { problem: `"${value}" gives no digits` };
  return { number: digits };
}
