import { z } from 'zod';
import { CONTROL_CHARS_MESSAGE, hasNoControlChars } from '../parse.ts';

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
const line = (max: number) => z.string().trim().max(max, `at most ${max} characters`).refine(hasNoControlChars, CONTROL_CHARS_MESSAGE);
const optionalLine = (max: number) => z.preprocess(blankToNull, line(max).nullable().optional());
const attribute = z.string().trim().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, 'an attribute name such as ipPhone');

/** Starting points for the two directory kinds people have; every field stays editable. */
export const DIRECTORY_PRESETS = {
  ad: {
    userFilter: '(&(objectClass=user)(objectCategory=person))',
    numberAttribute: 'ipPhone', nameAttribute: 'displayName', emailAttribute: 'mail', loginAttribute: 'sAMAccountName',
    idAttribute: 'objectGUID', disabledMode: 'uac' as const,
  },
  openldap: {
    userFilter: '(objectClass=inetOrgPerson)',
    numberAttribute: 'telephoneNumber', nameAttribute: 'displayName', emailAttribute: 'mail', loginAttribute: 'uid',
    idAttribute: 'entryUUID', disabledMode: 'none' as const,
  },
};

export const directoryInput = z
  .object({
    url: line(500).regex(/^ldaps?:\/\/[^\s/?#]+(:\d{1,5})?\/?$/i, 'ldaps://host[:port] or ldap://host[:port]'),
    startTls: z.boolean().default(true),
    allowPlain: z.boolean().default(false),
    caCert: z.preprocess(blankToNull, z.string().trim().max(20_000).regex(/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/, 'a PEM certificate (-----BEGIN CERTIFICATE----- ...)').nullable().optional()),
    bindDn: line(500).min(1, 'is required'),
    /** Absent or blank on a change: the stored password stays. */
    bindPassword: z.preprocess(blankToNull, z.string().max(500).nullable().optional()),
    baseDn: line(500).min(1, 'is required'),
    userFilter: line(2000).regex(/^\(.*\)$/, 'an LDAP filter in parentheses, such as (objectClass=user)'),
    groupDn: optionalLine(500),
    numberAttribute: attribute,
    numberRule: z.enum(['digits', 'last_digits', 'regex']).default('digits'),
    numberDigits: z.preprocess(blankToNull, z.coerce.number().int().min(1).max(10).nullable().optional()),
    numberPattern: optionalLine(200),
    nameAttribute: attribute,
    emailAttribute: attribute,
    loginAttribute: attribute,
    idAttribute: attribute,
    disabledMode: z.enum(['uac', 'attribute', 'none']),
    disabledAttribute: z.preprocess(blankToNull, attribute.nullable().optional()),
    disabledValue: optionalLine(200),
    graceDays: z.coerce.number().int().min(0, 'at least 0').max(3650).default(30),
    maxRemovalPercent: z.coerce.number().int().min(0).max(100).default(20),
    scheduleMinutes: z.preprocess(blankToNull, z.coerce.number().int().min(5, 'at least every 5 minutes').max(10080, 'at least once a week').nullable().optional()),
  })
  .superRefine((v, ctx) => {
    if (/^ldap:\/\//i.test(v.url) && !v.startTls && !v.allowPlain)
      ctx.addIssue({ code: 'custom', path: ['allowPlain'], message: 'plain ldap:// sends the bind password readable; use ldaps://, StartTLS, or allow it explicitly' });
    if (v.numberRule === 'last_digits' && !v.numberDigits) ctx.addIssue({ code: 'custom', path: ['numberDigits'], message: 'how many digits to keep' });
    if (v.numberRule === 'regex') {
      let groups = -1;
      try {
        groups = new RegExp(`${v.numberPattern ?? ''}|`).exec('')!.length - 1;
      } catch {
        ctx.addIssue({ code: 'custom', path: ['numberPattern'], message: 'is not a valid regular expression' });
      }
      if (!v.numberPattern) ctx.addIssue({ code: 'custom', path: ['numberPattern'], message: 'is required for the regular-expression rule' });
      else if (groups === 0) ctx.addIssue({ code: 'custom', path: ['numberPattern'], message: 'needs one group (...) around the number' });
    }
    if (v.disabledMode === 'attribute' && (!v.disabledAttribute || !v.disabledValue))
      ctx.addIssue({ code: 'custom', path: ['disabledAttribute'], message: 'name the attribute and the value that marks a user disabled' });
  });
export type DirectoryInput = z.input<typeof directoryInput>;
export type DirectoryValues = z.output<typeof directoryInput>;
