import { expect, it } from 'vitest';
import { WarningLimiter } from './warning-limiter.ts';

it('logs the first warning of a kind, counts the rest, and sums them up once per interval', async () => {
  const lines: [string, string, Record<string, unknown> | undefined][] = [];
  const limiter = new WarningLimiter((level, msg, fields) => lines.push([level, msg, fields]), 50);
  for (let i = 0; i < 1_000; i++) limiter.warn('flood', 'refused', { remote: `10.0.0.${i % 250}` });
  limiter.warn('other', 'timed out', { remote: '10.0.0.1' });
  expect(lines).toEqual([
    ['warn', 'refused', { remote: '10.0.0.0', kind: 'flood' }],
    ['warn', 'timed out', { remote: '10.0.0.1', kind: 'other' }],
  ]);
  await new Promise((r) => setTimeout(r, 80));
  expect(lines.slice(2)).toEqual([['warn', 'refused', { kind: 'flood', repeated: 999, withinMs: 50 }]]);
  limiter.warn('flood', 'refused', { remote: '10.0.0.7' }); // a new interval starts in full
  expect(lines).toHaveLength(4);
  limiter.flush();
  expect(lines).toHaveLength(4); // nothing held back, nothing to sum up
});
