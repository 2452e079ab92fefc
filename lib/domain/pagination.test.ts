import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.ts';
import { cursorValue, decodeCursor, encodeCursor } from './pagination.ts';

const id = '3f0c1e3a-9b7d-4c2e-8f10-2b6d9e5a7c41';
const raw = (value: unknown, rowId: unknown) => Buffer.from(JSON.stringify([value, rowId])).toString('base64url');
const refused = (cursor: string, value = cursorValue.text) => {
  try {
    decodeCursor(cursor, value);
  } catch (err) {
    return isAppError(err) && err.code === 'validation' && err.fieldErrors?.cursor?.[0] === 'is invalid';
  }
  return false;
};

describe('keyset cursors', () => {
  it('round-trip what the lists encode', () => {
    expect(decodeCursor(encodeCursor('Acme Corporation', id), cursorValue.text)).toEqual(['Acme Corporation', id]);
    expect(decodeCursor(encodeCursor('1001', id), cursorValue.digits)).toEqual(['1001', id]);
    const at = new Date('2026-03-01T12:34:56.789Z').toISOString();
    expect(decodeCursor(encodeCursor(at, id), cursorValue.timestamp)).toEqual([at, id]);
    // Any stored text, line breaks included, still pages: only NUL cannot be stored at all.
    expect(decodeCursor(encodeCursor('Line\nbreak', id), cursorValue.text)).toEqual(['Line\nbreak', id]);
  });

  it('refuse garbage, ids PostgreSQL would not cast to uuid, and values of the wrong type', () => {
    for (const cursor of ['', '%00', 'not-base64-json', Buffer.from('{"a":1}').toString('base64url'), raw('a', id).slice(0, -3)]) expect(refused(cursor), cursor).toBe(true);
    for (const rowId of ['not-a-uuid', '-'.repeat(36), `${id}'`, `${id} `, null, 42, { id }]) expect(refused(raw('a', rowId)), String(rowId)).toBe(true);
    expect(refused(raw('a\u0000b', id))).toBe(true);
    expect(refused(raw(null, id))).toBe(true);
    expect(refused(raw({ toString: 1 }, id))).toBe(true);
    expect(refused(raw(['a'], id))).toBe(true);
    expect(refused(raw('a', id) + raw('b', id))).toBe(true);
  });

  it('take only real timestamps, exactly as the list wrote them', () => {
    for (const value of ['not a date', '2024-13-45T99:99:99.000Z', '0000-01-01T00:00:00.000Z', '1969-12-31T23:59:59.999Z', '2024-02-30T00:00:00.000Z', '2024-01-01', 12345, '+275760-09-13T00:00:00.000Z'])
      expect(refused(raw(value, id), cursorValue.timestamp), String(value)).toBe(true);
    expect(refused(raw('1001a', id), cursorValue.digits)).toBe(true);
    expect(refused(raw(1001, id), cursorValue.digits)).toBe(true);
  });
});
