import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isAppError } from '../errors.ts';
import { auditQuery } from './audit/list-audit.ts';
import { extensionListQuery } from './extension/schemas.ts';
import { CONTROL_CHARS_MESSAGE, hasNoControlChars, parseInput, parseSearchParams } from './parse.ts';
import { tenantListQuery } from './tenant/schemas.ts';

const caught = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
};

describe('parseSearchParams: a crafted query string falls back to the defaults', () => {
  const listParams = extensionListQuery.pick({ q: true, sort: true, dir: true, cursor: true });

  it('keeps valid values', () => {
    expect(parseSearchParams(listParams, { q: ' alice ', sort: 'displayName', dir: 'desc', cursor: 'WyJhIiwiYiJd' })).toEqual({
      q: 'alice', sort: 'displayName', dir: 'desc', cursor: 'WyJhIiwiYiJd',
    });
  });

  it('ignores sort keys that only exist on every object, and other unknown values', () => {
    for (const sort of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'NUMBER', ''])
      expect(parseSearchParams(listParams, { sort }), sort).toEqual({ sort: 'number', dir: 'asc' });
    expect(parseSearchParams(listParams, { dir: 'sideways' })).toEqual({ sort: 'number', dir: 'asc' });
  });

  it('drops NUL bytes, control characters, repeated keys and cursors that are not base64url', () => {
    expect(parseSearchParams(listParams, { q: 'a\u0000b', cursor: 'x\u0000' })).toEqual({ sort: 'number', dir: 'asc' });
    expect(parseSearchParams(listParams, { q: 'a\u001bb' })).toEqual({ sort: 'number', dir: 'asc' });
    expect(parseSearchParams(listParams, { q: ['a', 'b'], sort: ['displayName', 'number'] })).toEqual({ sort: 'number', dir: 'asc' });
    expect(parseSearchParams(listParams, { cursor: 'not base64!' })).toEqual({ sort: 'number', dir: 'asc' });
    expect(parseSearchParams(listParams, { cursor: 'A'.repeat(501) })).toEqual({ sort: 'number', dir: 'asc' });
  });

  it('reads only the schema’s own keys, whatever the object inherits', () => {
    const params = Object.create({ q: 'inherited', sort: 'displayName' }) as Record<string, string>;
    expect(parseSearchParams(listParams, params)).toEqual({ sort: 'number', dir: 'asc' });
    expect(parseSearchParams(tenantListQuery.pick({ q: true }), JSON.parse('{"__proto__": {"q": "x"}}'))).toEqual({});
  });

  it('keeps audit ids within PostgreSQL bigint, and only well-formed tenant ids', () => {
    const params = auditQuery.pick({ tenantId: true, actor: true, object: true, before: true });
    expect(parseSearchParams(params, { before: '9223372036854775807' })).toEqual({ before: 9223372036854775807n });
    for (const before of ['99999999999999999999999', '9223372036854775808', '-1', '0', 'abc', '1.5', '\u0000'])
      expect(parseSearchParams(params, { before }), before).toEqual({});
    expect(parseSearchParams(params, { tenantId: 'not-a-uuid', actor: 'x\u0000', object: '\u0000' })).toEqual({});
    expect(parseSearchParams(params, { actor: ' root@example.com ', object: 'extension' })).toEqual({ actor: 'root@example.com', object: 'extension' });
  });
});

describe('parseInput', () => {
  it('refuses a NUL byte anywhere in what a use case would get, with the field it is in', () => {
    const schema = z.object({ name: z.string(), rows: z.array(z.object({ label: z.string() })) });
    const err = caught(() => parseInput(schema, { name: 'ok', rows: [{ label: 'fine' }, { label: 'bad\u0000' }] }));
    expect(isAppError(err) && err.code).toBe('validation');
    expect(isAppError(err) && err.fieldErrors).toEqual({ 'rows.1.label': [CONTROL_CHARS_MESSAGE] });
    expect(parseInput(schema, { name: 'ok', rows: [] })).toEqual({ name: 'ok', rows: [] });
  });

  it('ignores NUL bytes in keys the schema strips', () => {
    expect(parseInput(z.object({ name: z.string() }), { name: 'ok', junk: '\u0000' })).toEqual({ name: 'ok' });
  });
});

describe('hasNoControlChars', () => {
  it('refuses C0, DEL and C1 controls, and keeps every printable character', () => {
    for (const s of ['\u0000', 'a\nb', 'tab\t', '\u001b[31m', '\u007f', '\u0085', '\u009f']) expect(hasNoControlChars(s), JSON.stringify(s)).toBe(false);
    for (const s of ['Alice Müller', 'Zoë 🙂', '李小龙', 'ACME\\carol', 'a b', '\u00a0']) expect(hasNoControlChars(s), s).toBe(true);
  });
});
