import { expect, it } from 'vitest';
import { LineReader, LineTooLongError } from './line-reader.ts';

it('keeps partial lines across chunks and accepts CRLF', () => {
  const r = new LineReader(100);
  expect(r.feed('agi_network: y')).toEqual([]);
  expect(r.feed('es\r\nagi_request: agi://h:4573/route\n\n')).toEqual(['agi_network: yes', 'agi_request: agi://h:4573/route', '']);
});

it('refuses an over-long line and keeps nothing of it', () => {
  const r = new LineReader(10);
  expect(() => r.feed('x'.repeat(11))).toThrow(LineTooLongError);
  expect(() => r.feed('0123456789ab\nok')).toThrow(LineTooLongError);
  expect(r.feed('\n')).toEqual(['']);
});
