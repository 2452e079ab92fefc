/**
 * The request pipeline without Next.js around it: what a failure the domain did not expect looks
 * like from outside (nothing of it leaks), and how the domain's errors map to statuses.
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineOperation } from '../lib/api/operation.ts';
import { serve } from '../lib/api/pipeline.ts';
import { createApiToken } from '../lib/domain/api-token/create-token.ts';
import { AppError, conflict } from '../lib/errors.ts';
import { makeTenant, platform, uniq, useDb } from './support/fixtures.ts';

const { db } = useDb();

const opThrowing = (err: unknown) =>
  defineOperation({
    id: 'probe', method: 'POST', path: '/api/v1/probe', tag: 'Test', access: 'write', summary: 'probe',
    body: z.strictObject({ displayName: z.string().optional() }), bodyOptional: true,
    responses: { 200: { description: 'ok' } },
    handle: async () => {
      throw err;
    },
  });

async function call(err: unknown, token: string) {
  const request = new Request('http://127.0.0.1/api/v1/probe', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  const res = await serve(opThrowing(err), { request, params: {}, address: '127.0.0.1', db });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
}

describe('the API pipeline', () => {
  it('answers an unexpected failure with a bare 500: no message, stack, SQL or secret', async () => {
    const { token } = await createApiToken({ actor: platform, db }, { name: uniq('probe'), access: 'write' });
    const leak = new Error('duplicate key value violates unique constraint "ps_auths_pkey" DETAIL: password=Hunter2-Secret SELECT * FROM ps_auths');
    const { status, type, body } = await call(leak, token);
    expect(status).toBe(500);
    expect(type).toContain('application/problem+json');
    expect(body).toEqual({
      type: '/docs/api#problem-internal',
      title: 'Internal error',
      status: 500,
      detail: `Something went wrong. It was logged as request ${body.request_id}.`,
      request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(JSON.stringify(body)).not.toMatch(/Hunter2|SELECT|ps_auths|at .*\.ts/);
  });

  it('maps each domain error to its status, field names in snake_case', async () => {
    await makeTenant(db);
    const { token } = await createApiToken({ actor: platform, db }, { name: uniq('probe'), access: 'write' });
    const cases: [AppError, number][] = [
      [new AppError('validation', 'bad', { displayName: ['is required'], 'rows.2.maxContacts': ['at most 10'] }), 422],
      [new AppError('not_found', 'Tenant not found'), 404],
      [conflict('taken', { sipDomain: ['is already used'] }), 409],
      [new AppError('forbidden', 'no'), 403],
      [new AppError('unavailable', 'AMI down'), 503],
    ];
    for (const [err, status] of cases) {
      const res = await call(err, token);
      expect(res.status, err.code).toBe(status);
      if (err.fieldErrors) for (const f of res.body.errors) expect(f.field).toMatch(/^[a-z0-9_.]+$/);
    }
    const res = await call(cases[0][0], token);
    expect(res.body.errors).toEqual([
      { field: 'display_name', pointer: '/display_name', detail: 'is required' },
      { field: 'rows.2.max_contacts', pointer: '/rows/2/max_contacts', detail: 'at most 10' },
    ]);
  });
});
