import lib from 'google-libphonenumber';

const util = lib.PhoneNumberUtil.getInstance();

/** Parses a number as a person would write it in `region` (national, +, 00 prefixes); null if invalid. */
export function toE164(input: string, region: string): string | null {
  const trimmed = input.trim();
  if (!/^[+0-9()\-.\s/]{3,32}$/.test(trimmed)) return null;
  try {
    const parsed = util.parseAndKeepRawInput(trimmed, region);
    return util.isValidNumber(parsed) ? util.format(parsed, lib.PhoneNumberFormat.E164) : null;
  } catch {
    return null;
  }
}
