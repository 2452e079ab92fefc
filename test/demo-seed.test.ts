import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDb, type Db } from '../lib/db/client.ts';
import { migrate } from '../lib/db/migrate.ts';
import { listCalls } from '../lib/domain/calls/list-calls.ts';
import { callStats } from '../lib/domain/calls/stats.ts';
import { seedDemo } from '../prisma/demo.ts';
import { platform } from './support/fixtures.ts';
import { createDatabase, dropDatabase } from './support/pg.ts';

let url: string;
let db: Db;
beforeAll(async () => {
  url = await createDatabase('sb_demo');
  await migrate(url);
  db = createDb(url, { max: 2 });
});
afterAll(async () => {
  await db?.$disconnect();
  if (url) await dropDatabase(url);
});

it("the demo comes with a week of calls, which reach the history through Asterisk's cdr table", async () => {
  await seedDemo(db);
  const ctx = { actor: platform, db };
  const calls = [];
  let cursor: string | undefined;
  do {
    const page = await listCalls(ctx, 'demo', { limit: 200, cursor });
    calls.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const [{ n }] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM cdr`;
  expect(calls.length).toBe(n);
  expect(n).toBeGreaterThan(50);
  expect(new Set(calls.map((c) => c.direction))).toEqual(new Set(['internal', 'outbound', 'inbound']));
  expect(calls.filter((c) => c.outcome === 'refused').every((c) => c.reason === 'external_not_allowed' && c.callerExtension)).toBe(true);
  expect(calls.filter((c) => c.direction === 'inbound').every((c) => c.callee === '+12125550100' && c.calleeExtension === '1003')).toBe(true);
  const week = await callStats(ctx, 'demo', { from: new Date(Date.now() - 8 * 86_400_000), to: new Date(Date.now() + 60_000), zone: 'UTC' });
  expect(week.total.calls).toBe(n);
  // Seeding again changes nothing.
  await seedDemo(db);
  expect((await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM cdr`)[0].n).toBe(n);
});
