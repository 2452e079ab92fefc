/**
 * How an endpoint written by hand or by another tool reads as an extension: its number, its name,
 * its mailbox. Pure, so every rule is tested without a database.
 */
import { fitCodePoints } from '../sip/asterisk-rows.ts';

/** `acme-*`: `*` any run of characters, `?` one; everything else as written. For SQL LIKE (escape `\`). */
export function globToLike(glob: string): string {
  return glob.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%').replace(/\?/g, '_');
}

export function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, (c) => `\\${c}`).replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 's');
}

/** The number of groups a regular expression captures (what `--number-from` must have one of). */
export const captureGroups = (re: RegExp) => new RegExp(`${re.source}|`, re.flags).exec('')!.length - 1;

/**
 * The extension number an endpoint id stands for: with `numberFrom`, its first group; otherwise the
 * last run of digits before any `@` (`1001`, `acme-1001`, `1001@pbx.example` and `ext1001` all
 * give 1001), since prefixes name tenants or devices and the digits come last.
 */
export function numberFromId(id: string, numberFrom?: RegExp): string | null {
  if (numberFrom) {
    const m = numberFrom.exec(id);
    return m?.[1] || null;
  }
  const runs = id.split('@')[0].match(/[0-9]+/g);
  return runs ? runs[runs.length - 1] : null;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
export const NAME_MAX = 80; // sb_extensions.display_name

/** A name fit for an extension: no control characters, one line, at most 80 characters. */
export function cleanName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const name = fitCodePoints(raw.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim(), NAME_MAX).trim();
  return name || null;
}

/**
 * The name part of a caller ID as Asterisk writes one: `"Alice Smith" <1001>`, `Alice <1001>`, or
 * a bare name. A bare number or `<1001>` has none.
 */
export function nameFromCallerId(callerid: string | null | undefined): string | null {
  const s = callerid?.trim();
  if (!s) return null;
  const quoted = /^"((?:[^"\\]|\\.)*)"\s*(?:<[^>]*>)?$/.exec(s);
  if (quoted) return cleanName(quoted[1].replace(/\\(.)/g, '$1'));
  const bare = /^([^<"]*?)\s*(?:<[^>]*>)?$/.exec(s);
  if (bare && bare[1] && !/^\+?[0-9*#]+$/.test(bare[1])) return cleanName(bare[1]);
  return null;
}

/** Comma lists of Asterisk options (`aors`, `auth`, `mailboxes`), without blanks. */
export const listOf = (value: string | null | undefined) =>
  (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export type MailboxKey = { mailbox: string; context: string };
export const mailboxKey = (k: MailboxKey) => `${k.mailbox}@${k.context}`;

/** The first box an endpoint's `mailboxes` names; a box without `@` is in context `default`, as Asterisk reads it. */
export function firstMailbox(mailboxes: string | null | undefined): MailboxKey | null {
  const first = listOf(mailboxes)[0];
  if (!first) return null;
  const at = first.indexOf('@');
  return at < 0 ? { mailbox: first, context: 'default' } : { mailbox: first.slice(0, at), context: first.slice(at + 1) || 'default' };
}

/** set_var holds nothing but Switchboard's own caller-ID variable (or nothing at all). */
export const onlyOurSetVar = (setVar: string | null | undefined) =>
  listOf((setVar ?? '').replace(/;/g, ',')).every((v) => v.startsWith('SWITCHBOARD_CLID='));

/** Asterisk challenges with MD5 only (the default when no algorithms are listed). */
export const md5OnlyChallenges = (algorithms: string | null | undefined) =>
  listOf(algorithms).every((a) => a.toUpperCase() === 'MD5');
