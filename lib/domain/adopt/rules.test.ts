import { describe, expect, it } from 'vitest';
import { captureGroups, firstMailbox, globToLike, globToRegExp, md5OnlyChallenges, nameFromCallerId, numberFromId, onlyOurSetVar } from './rules.ts';

describe('reading an endpoint as an extension', () => {
  it('takes the last run of digits before any @ as the number, or the first group of a pattern', () => {
    expect(['1001', 'acme-1001', '1001@pbx.example', 'ext1001', 'acme2-1001', 'SIP/1001'].map((id) => numberFromId(id))).toEqual(Array(6).fill('1001'));
    expect(numberFromId('reception')).toBeNull();
    expect(numberFromId('acme-7-1001', /^acme-(\d+)-/)).toBe('7');
    expect(numberFromId('beta-1001', /^acme-(\d+)$/)).toBeNull();
  });

  it('takes the name from a caller ID as Asterisk writes it, never a number', () => {
    expect(nameFromCallerId('"Alice Smith" <1001>')).toBe('Alice Smith');
    expect(nameFromCallerId('Alice <1001>')).toBe('Alice');
    expect(nameFromCallerId('"Bob \\"the builder\\"" <1002>')).toBe('Bob "the builder"');
    expect(nameFromCallerId('Reception')).toBe('Reception');
    expect(nameFromCallerId('<1001>')).toBeNull();
    expect(nameFromCallerId('1001')).toBeNull();
    expect(nameFromCallerId('""')).toBeNull();
    expect(nameFromCallerId('"Line\nbreak" <1>')).toBe('Line break');
    expect(nameFromCallerId(`"${'x'.repeat(120)}" <1>`)).toHaveLength(80);
  });

  it('reads the first box of mailboxes, in context default when it names none', () => {
    expect(firstMailbox('1001@default,1002@sales')).toEqual({ mailbox: '1001', context: 'default' });
    expect(firstMailbox('1001')).toEqual({ mailbox: '1001', context: 'default' });
    expect(firstMailbox(' ')).toBeNull();
  });

  it('turns id patterns into LIKE and RegExp, with LIKE wildcards kept literal', () => {
    expect(globToLike('acme-*')).toBe('acme-%');
    expect(globToLike('a_b%c?')).toBe('a\\_b\\%c_');
    expect(globToRegExp('acme-*').test('acme-1001')).toBe(true);
    expect(globToRegExp('acme.?').test('acmex1')).toBe(false);
  });

  it('knows its own set_var, MD5-only challenges, and counts groups', () => {
    expect(onlyOurSetVar(null)).toBe(true);
    expect(onlyOurSetVar('SWITCHBOARD_CLID=+12125550100')).toBe(true);
    expect(onlyOurSetVar('FOO=1;SWITCHBOARD_CLID=+1')).toBe(false);
    expect(md5OnlyChallenges(null)).toBe(true);
    expect(md5OnlyChallenges('md5')).toBe(true);
    expect(md5OnlyChallenges('SHA-256,MD5')).toBe(false);
    expect(captureGroups(/^acme-(\d+)$/)).toBe(1);
    expect(captureGroups(/\d+/)).toBe(0);
  });
});
