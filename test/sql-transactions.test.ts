/**
 * The raw-SQL paths (lib/db/sql.ts) keep Prisma's transaction guarantees: a read inside a
 * transaction sees that transaction's own writes, and work written as a raw-SQL transaction
 * inside another commits or rolls back with it. Prisma's transaction client forwards every
 * property of its root client, so a path that looked for the root's pool ran such work on the
 * pool instead, outside the transaction: a caller-ID rule that could not see a DID added a
 * statement earlier, or half a change left behind by a rolled-back request.
 */
import { describe, expect, it } from 'vitest';
import { sqlRows, sqlTransaction } from '../lib/db/sql.ts';
import { makeTenant, sql, useDb } from './support/fixtures.ts';

const { db, url } = useDb();

describe('raw SQL inside a Prisma transaction', () => {
  it('reads what the transaction has written and not yet committed', async () => {
    const tenant = await makeTenant(db);
    const seen = await db.$transaction(async (tx) => {
      await tx.did.create({ data: { tenantId: tenant.id, e164: '+14155550123' } });
      return sqlRows<{ e164: string }>(tx, { text: 'SELECT e164 FROM sb_dids WHERE tenant_id = $1::uuid', values: [tenant.id] });
    });
    expect(seen.map((r) => r.e164)).toEqual(['+14155550123']);
  });

  it('rolls a nested raw-SQL transaction back with the one around it', async () => {
    const tenant = await makeTenant(db);
    await expect(
      db.$transaction(async (tx) => {
        await sqlTransaction(tx, (inner) => inner.$executeRaw`UPDATE sb_tenants SET name = 'Changed' WHERE id = ${tenant.id}::uuid`);
        throw new Error('the request failed after the update');
      }),
    ).rejects.toThrow('the request failed');
    const [row] = await sql<{ name: string }>(url, 'SELECT name FROM sb_tenants WHERE id = $1', [tenant.id]);
    expect(row.name).toBe(tenant.name);
  });
});
