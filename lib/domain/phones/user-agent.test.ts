import { describe, expect, it } from 'vitest';
import { deviceInfo, macOf } from './user-agent.ts';

describe('which phone a user agent names', () => {
  it.each([
    ['Yealink SIP-T46S 66.86.0.15', { vendor: 'Yealink', model: 'T46S', firmware: '66.86.0.15' }],
    ['Yealink SIP-T54W 96.86.0.100', { vendor: 'Yealink', model: 'T54W', firmware: '96.86.0.100' }],
    ['PolycomVVX-VVX_411-UA/6.4.3.5018', { vendor: 'Polycom', model: 'VVX 411', firmware: '6.4.3.5018' }],
    ['Grandstream GXP2170 1.0.11.3', { vendor: 'Grandstream', model: 'GXP2170', firmware: '1.0.11.3' }],
    ['Cisco/SPA504G-7.6.2f', { vendor: 'Cisco', model: 'SPA504G', firmware: '7.6.2f' }],
    ['snom760/10.1.46.16', { vendor: 'Snom', model: '760', firmware: '10.1.46.16' }],
    ['Fanvil X4U 2.12.1', { vendor: 'Fanvil', model: 'X4U', firmware: '2.12.1' }],
    ['MicroSIP/3.21.3', { vendor: 'Softphone', model: 'MicroSIP', firmware: '3.21.3' }],
    ['Linphone Desktop/5.2.4 (Ubuntu 22.04)', { vendor: 'Softphone', model: 'Linphone', firmware: null }],
    ['Asterisk PBX 22.10.1', { vendor: null, model: 'Asterisk', firmware: null }],
  ])('%s', (ua, expected) => {
    expect(deviceInfo(ua)).toMatchObject(expected);
  });

  it('finds a MAC in the instance UUID or a labelled one, and nowhere else', () => {
    expect(macOf(null, 'sip:1001@198.51.100.7:5060;+sip.instance="<urn:uuid:00000000-0000-1000-8000-0004F2A1B2C3>"')).toBe('00:04:f2:a1:b2:c3');
    expect(macOf('Grandstream GXP2170 1.0.11.3 (C0:74:AD:12:34:56)')).toBe('c0:74:ad:12:34:56');
    expect(macOf('Yealink SIP-T46S 66.86.0.15 MAC:805ec0123456')).toBe('80:5e:c0:12:34:56');
    expect(macOf('Some phone 0123456789ab build')).toBeNull();
    expect(deviceInfo(null)).toEqual({ vendor: null, model: null, firmware: null, mac: null });
  });
});
