import type { DirEntry } from './ldif.ts';

/**
 * A generated company directory: ou=People (inetOrgPerson) and ou=Groups (groupOfNames), with the
 * untidiness a sync meets in real directories: phone numbers in many spellings or missing, several
 * numbers on one user, names outside ASCII, users without mail, disabled accounts. Deterministic:
 * user i always looks the same, so tests may state what they expect from `users`.
 */
export interface DirectoryOptions {
  baseDN?: string;
  users: number;
  /** OpenLDAP has no userAccountControl: disabled users carry this attribute and value instead. */
  disabled?: { attribute: string; value: string };
  /** Every n-th user is disabled (default 7; 0: none). */
  disabledEvery?: number;
  /** The extension user i's number is built from is `extensionBase + i` (default 1000). */
  extensionBase?: number;
}

export type PhoneFormat = 'none' | 'e164' | 'x' | 'bare' | 'ext' | 'multi';

export interface FixtureUser {
  i: number;
  dn: string;
  uid: string;
  cn: string;
  givenName: string;
  sn: string;
  displayName?: string;
  mail?: string;
  /** As stored, in directory order. */
  telephoneNumber: string[];
  phoneFormat: PhoneFormat;
  /** The digits the phone value was built from; for e164 only its last four are in the value. */
  extension?: string;
  disabled: boolean;
  groups: string[];
}

export interface Directory {
  baseDN: string;
  peopleDN: string;
  groupsDN: string;
  users: FixtureUser[];
  /** cn => member DNs */
  groups: Record<string, string[]>;
  /** OUs, users, then groups: the order slapadd needs (parents first). */
  entries: DirEntry[];
}

const GIVEN = ['Alice', 'Bob', 'José', 'Zoë', 'Mei', 'Oluwaseun', 'Ærin', 'Sean', 'Fatima', 'Łukasz', 'Nguyễn', 'Priya'];
const SURNAME = ['Smith', 'Müller', "O'Brien", 'García', 'Ng', 'Søndergaard', 'Ivanova', 'de la Cruz', 'Kowalski', 'Tanaka', 'Abebe'];
const FORMATS: PhoneFormat[] = ['none', 'e164', 'x', 'bare', 'ext', 'multi'];

function phone(format: PhoneFormat, ext: string): string[] {
  const full = `+1 (415) 555-${ext.slice(-4).padStart(4, '0')}`;
  switch (format) {
    case 'none': return [];
    case 'e164': return [full];
    case 'x': return [`x${ext}`];
    case 'bare': return [ext];
    case 'ext': return [`ext. ${ext}`];
    case 'multi': return [full, `x${ext}`];
  }
}

export function makeDirectory(o: DirectoryOptions): Directory {
  const baseDN = o.baseDN ?? 'dc=example,dc=test';
  const peopleDN = `ou=People,${baseDN}`;
  const groupsDN = `ou=Groups,${baseDN}`;
  const disabled = o.disabled ?? { attribute: 'employeeType', value: 'disabled' };
  const every = o.disabledEvery ?? 7;
  const users: FixtureUser[] = [];
  for (let i = 1; i <= o.users; i++) {
    const uid = `user${String(i).padStart(5, '0')}`;
    const givenName = GIVEN[i % GIVEN.length];
    const sn = SURNAME[i % SURNAME.length];
    const phoneFormat = FORMATS[i % FORMATS.length];
    const ext = String((o.extensionBase ?? 1000) + i);
    const isDisabled = every > 0 && i % every === 0;
    users.push({
      i, uid, givenName, sn,
      dn: `uid=${uid},${peopleDN}`,
      cn: `${givenName} ${sn}`,
      displayName: i % 13 === 0 ? undefined : `${givenName} ${sn}`,
      mail: i % 11 === 0 ? undefined : `${uid}@example.test`,
      telephoneNumber: phone(phoneFormat, ext),
      phoneFormat,
      extension: phoneFormat === 'none' ? undefined : ext,
      disabled: isDisabled,
      // phones: whoever has a number, disabled ones included (the sync decides which wins).
      groups: [...(phoneFormat !== 'none' ? ['phones'] : []), ...(i % 3 === 0 ? ['sales'] : [])],
    });
  }
  const groups: Record<string, string[]> = { phones: [], sales: [] };
  for (const u of users) for (const g of u.groups) groups[g].push(u.dn);

  const entries: DirEntry[] = [
    { dn: peopleDN, attributes: { objectClass: 'organizationalUnit', ou: 'People' } },
    { dn: groupsDN, attributes: { objectClass: 'organizationalUnit', ou: 'Groups' } },
    ...users.map((u): DirEntry => ({
      dn: u.dn,
      attributes: {
        objectClass: 'inetOrgPerson',
        uid: u.uid, cn: u.cn, sn: u.sn, givenName: u.givenName,
        ...(u.displayName ? { displayName: u.displayName } : {}),
        ...(u.mail ? { mail: u.mail } : {}),
        ...(u.telephoneNumber.length ? { telephoneNumber: u.telephoneNumber } : {}),
        ...(u.disabled ? { [disabled.attribute]: disabled.value } : {}),
      },
    })),
    // groupOfNames must have a member (AD groups need not): an empty group gets the OU as placeholder.
    ...Object.entries(groups).map(([cn, members]): DirEntry => ({
      dn: `cn=${cn},${groupsDN}`,
      attributes: { objectClass: 'groupOfNames', cn, member: members.length ? members : [groupsDN] },
    })),
  ];
  return { baseDN, peopleDN, groupsDN, users, groups, entries };
}
