import { ZxcvbnFactory, type MatchExtended } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary } from '@zxcvbn-ts/language-en';
import { CONTROL_CHARS_MESSAGE, hasNoControlChars } from '../parse.ts';

export const MIN_ADMIN_PASSWORD_LENGTH = 12;
export const MAX_ADMIN_PASSWORD_LENGTH = 200;

/**
 * zxcvbn's top score: an estimated 10^10 guesses or more. An admin account can rewire every
 * tenant's phones and trunks (toll fraud is the usual prize), so it gets the strictest bar; four
 * random words or a generated password clear it easily.
 */
const MIN_SCORE = 4;

// The dictionaries (common passwords, English words and names, keyboard layouts) take some 17 MB
// and a few hundred milliseconds to index, so they load on the first check, on the server only:
// this module is never imported by a client component (the schemas shared with forms do not use it).
let estimator: ZxcvbnFactory | undefined;
const zxcvbn = () =>
  (estimator ??= new ZxcvbnFactory({ dictionary: { ...commonDictionary, ...englishDictionary }, graphs: adjacencyGraphs }));

/** Why a part of a password is easy to guess, in words an admin can act on; null: it is not. */
function weakness(m: MatchExtended, length: number): string | null {
  switch (m.pattern) {
    case 'repeat':
      return 'a repeated pattern';
    case 'sequence':
      return 'a sequence such as abcd or 9876';
    case 'spatial':
      return 'a keyboard pattern such as qwerty';
    case 'date':
      return 'a date';
    case 'regex':
      return m.regexName === 'recentYear' ? 'a recent year' : null;
    case 'dictionary':
      if (m.dictionaryName === 'userInputs') return 'your e-mail address or the product name';
      if (m.dictionaryName.startsWith('passwords'))
        return m.i === 0 && m.j === length - 1 ? 'a commonly used password' : 'parts of commonly used passwords';
      if (/names/i.test(m.dictionaryName)) return 'a common name';
      return 'common words';
    default:
      return null;
  }
}

const listed = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/**
 * The policy for admin passwords: length first, then how guessable it is (repeats, sequences,
 * keyboard walks, common and breached passwords, words, names, dates, the admin's own e-mail),
 * with a message that says why. Returns the problems, empty when it passes.
 */
export function adminPasswordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  if (password.length < MIN_ADMIN_PASSWORD_LENGTH) problems.push(`must be at least ${MIN_ADMIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_ADMIN_PASSWORD_LENGTH) problems.push(`must be at most ${MAX_ADMIN_PASSWORD_LENGTH} characters`);
  if (!hasNoControlChars(password)) problems.push(CONTROL_CHARS_MESSAGE);
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 3 && password.toLowerCase().includes(local)) problems.push('may not contain your e-mail name');
  // One message at a time: the guessability estimate of a too-short password says nothing new.
  if (problems.length) return problems;

  const result = zxcvbn().check(password, [email ?? '', local ?? '', 'switchboard', 'asterisk'].filter(Boolean));
  if (result.score >= MIN_SCORE) return [];
  const reasons = [...new Set(result.sequence.map((m) => weakness(m, password.length)).filter((r): r is string => r !== null))];
  return [`is too easy to guess: ${reasons.length ? listed(reasons) : 'too short for its kind of characters'}. Use four or more unrelated words, or leave it empty to get a generated one`];
}
