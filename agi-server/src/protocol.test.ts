import { expect, it } from 'vitest';
import { endpointOfChannel, hasControlCharacter, isDialString, parseEnvLine } from './protocol.ts';

it('takes the caller from the channel name', () => {
  expect(endpointOfChannel('PJSIP/1001@acme.example-0000000d')).toBe('1001@acme.example');
  expect(endpointOfChannel('PJSIP/itsp-trunk-0000000d')).toBe('itsp-trunk');
  expect(endpointOfChannel('Local/1001@tenant-acme-00000001;2')).toBeNull();
  expect(endpointOfChannel(undefined)).toBeNull();
});

it('finds control characters, and nothing else', () => {
  for (const c of ['\n', '\r', '\t', '\u0000', '\u001b', '\u007f']) expect(hasControlCharacter(`12${c}3`)).toBe(true);
  expect(hasControlCharacter('agi_calleridname: Zoë "Z" <1001>; ok')).toBe(false);
});

it('takes digits, * and # (with one leading +) as a dialled number', () => {
  for (const s of ['1002', '+12125550123', '*72#', '911', '0'.repeat(40)]) expect(isDialString(s)).toBe(true);
  for (const s of ['', '0'.repeat(41), '+', '++1', '1+2', '212 555 0123', '212-555-0123', '1001@beta', 'sip:1001', '١٢٣']) expect(isDialString(s)).toBe(false);
});

it('splits an environment line on the first ": " only', () => {
  expect(parseEnvLine('agi_request: agi://127.0.0.1:4573/route')).toEqual(['agi_request', 'agi://127.0.0.1:4573/route']);
  expect(parseEnvLine('agi_accountcode: ')).toEqual(['agi_accountcode', '']);
  expect(parseEnvLine('<html>')).toBeNull();
});
