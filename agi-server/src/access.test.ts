import { describe, expect, it } from 'vitest';
import { AllowList, parseAllowedHosts, plainAddress } from './access.ts';

describe('AGI_ALLOWED_HOSTS', () => {
  it('reads addresses, CIDR ranges of both families and host names', () => {
    expect(parseAllowedHosts(' 192.0.2.7, 10.0.0.0/8 ,::1,[fd00::]/8,asterisk,pbx.example.com,,')).toEqual([
      { kind: 'subnet', address: '192.0.2.7', prefix: 32, family: 'ipv4' },
      { kind: 'subnet', address: '10.0.0.0', prefix: 8, family: 'ipv4' },
      { kind: 'subnet', address: '::1', prefix: 128, family: 'ipv6' },
      { kind: 'subnet', address: 'fd00::', prefix: 8, family: 'ipv6' },
      { kind: 'host', name: 'asterisk' },
      { kind: 'host', name: 'pbx.example.com' },
    ]);
  });

  it('reads IPv4-mapped IPv6 as the IPv4 it stands for', () => {
    expect(parseAllowedHosts('::ffff:10.1.2.3,::ffff:10.0.0.0/104')).toEqual([
      { kind: 'subnet', address: '10.1.2.3', prefix: 32, family: 'ipv4' },
      { kind: 'subnet', address: '10.0.0.0', prefix: 8, family: 'ipv4' },
    ]);
    expect(plainAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(plainAddress('::1')).toBe('::1');
  });

  it.each(['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/8/1', '::/129', '300.1.1.1', 'bad host', 'a_b', '*', '', ' , '])('refuses %j at start', (spec) => {
    expect(() => parseAllowedHosts(spec)).toThrow(/AGI_ALLOWED_HOSTS/);
  });

  it('allows loopback only when unset', () => {
    const list = AllowList.fromSpec(undefined);
    expect(['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1'].map((a) => list.allows(plainAddress(a)))).toEqual([true, true, true, true]);
    expect(['10.0.0.1', '::2', '192.168.1.1'].map((a) => list.allows(a))).toEqual([false, false, false]);
    expect(list.allows(undefined)).toBe(false);
  });

  it('matches ranges exactly, and answers the same from its cache', () => {
    const list = AllowList.fromSpec('10.1.0.0/16,2001:db8::/32');
    for (let round = 0; round < 2; round++) {
      expect(list.allows('10.1.255.255')).toBe(true);
      expect(list.allows('10.2.0.0')).toBe(false);
      expect(list.allows('2001:db8:ffff::1')).toBe(true);
      expect(list.allows('2001:db9::1')).toBe(false);
    }
  });

  it('resolves host names when asked, keeps the last answer when a lookup fails, and follows a new one', async () => {
    const answers: Record<string, string[] | Error> = { asterisk: ['172.18.0.5'], pbx: new Error('ENOTFOUND') };
    const list = AllowList.fromSpec('asterisk,pbx', async (name) => {
      const a = answers[name];
      if (a instanceof Error) throw a;
      return a;
    });
    expect(list.allows('172.18.0.5')).toBe(false); // nothing is looked up per call
    expect(await list.resolve()).toEqual(['pbx']);
    expect(list.allows('172.18.0.5')).toBe(true);
    expect(list.describe()).toEqual(['asterisk (172.18.0.5)', 'pbx (unresolved)']);

    answers.asterisk = new Error('EAI_AGAIN');
    answers.pbx = ['::ffff:192.0.2.9', '2001:db8::9'];
    expect(await list.resolve()).toEqual(['asterisk']);
    expect([list.allows('172.18.0.5'), list.allows('192.0.2.9'), list.allows('2001:db8::9')]).toEqual([true, true, true]);

    answers.asterisk = ['172.18.0.6'];
    await list.resolve();
    expect([list.allows('172.18.0.5'), list.allows('172.18.0.6')]).toEqual([false, true]);
  });

  it('retries an unresolved name in the background until it resolves', async () => {
    let up = false;
    const list = AllowList.fromSpec('asterisk', async () => {
      if (!up) throw new Error('ENOTFOUND');
      return ['172.18.0.5'];
    });
    const failures: string[][] = [];
    list.keepResolved((names) => failures.push(names), 60_000, 10);
    await new Promise((r) => setTimeout(r, 30));
    up = true;
    for (let i = 0; i < 100 && !list.allows('172.18.0.5'); i++) await new Promise((r) => setTimeout(r, 5));
    list.stop();
    expect(list.allows('172.18.0.5')).toBe(true);
    expect(failures[0]).toEqual(['asterisk']);
  });
});
