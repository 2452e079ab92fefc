import { describe, expect, it } from 'vitest';
import { collectRange } from './read-users.ts';

describe('group members read in ranges, as AD returns large groups', () => {
  it('follows member;range=0-1499, 1500-2999 ... to the range that ends in *', () => {
    const into = new Set<string>();
    const page = (from: number, to: number | '*') => ({
      dn: 'CN=Phones,OU=Groups,DC=corp',
      [`member;range=${from}-${to}`]: Array.from({ length: (to === '*' ? from + 200 : to) - from + (to === '*' ? 0 : 1) }, (_, i) => `CN=User ${from + i},OU=People,DC=corp`),
    });
    expect(collectRange(page(0, 1499), into)).toBe(1500);
    expect(collectRange(page(1500, 2999), into)).toBe(3000);
    expect(collectRange(page(3000, '*'), into)).toBeNull();
    expect(into.size).toBe(3200);
    expect(into.has('cn=user 3199,ou=people,dc=corp')).toBe(true);
  });

  it('takes member (or uniqueMember) whole from servers without ranges', () => {
    const into = new Set<string>();
    // ldapts echoes the ranged attribute it was asked for, empty.
    expect(collectRange({ dn: 'cn=phones', member: ['uid=a,ou=People', 'uid=B,ou=People'], 'member;range=0-*': [] }, into)).toBeNull();
    expect([...into]).toEqual(['uid=a,ou=people', 'uid=b,ou=people']);
  });
});
