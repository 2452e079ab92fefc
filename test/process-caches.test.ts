import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateCached } from '../lib/api/token-cache.ts';
import { changesFor, enableProcessCaches } from '../lib/db/changes.ts';
import { getDb, type Db } from '../lib/db/client.ts';
import { createApiToken } from '../lib/domain/api-token/create-token.ts';
import { revokeApiToken } from '../lib/domain/api-token/revoke-token.ts';
import { deleteTenant } from '../lib/domain/tenant/delete-tenant.ts';
import { tenantIdInReach } from '../lib/domain/tenant/tenant-ref-cache.ts';
import { caught, makeTenant, platform, sql, tenantAdmin, useDb } from './support/fixtures.ts';

// The process caches follow the process-wide client, as the portal's API does.
const { db: other, url } = useDb();
let db: Db;

const until = async (what: () => Promise<boolean>, ms = 2_000) => {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

beforeAll(async () => {
  process.env.DATABASE_URL = url;
  enableProcessCaches();
  db = getDb();
  await until(async () => changesFor(db)?.live === true);
});
afterAll(async () => {
  await changesFor(db)?.stop();
  await db.$disconnect();
});

describe('the API\'s remembered tokens', () => {
  it('are refused as soon as they are revoked elsewhere (another process, the CLI)', async () => {
    const { token, view } = await createApiToken({ actor: platform, db: other }, { name: 'cached', access: 'read' });
    expect((await authenticateCached(db, token)).ok).toBe(true);
    // Remembered: with the notification switched off, a revocation goes unseen...
    await sql(url, 'ALTER TABLE sb_api_tokens DISABLE TRIGGER sb_api_tokens_changed');
    await sql(url, 'UPDATE sb_api_tokens SET revoked_at = now() WHERE id = $1', [view.id]);
    expect((await authenticateCached(db, token)).ok).toBe(true);
    await sql(url, 'UPDATE sb_api_tokens SET revoked_at = NULL WHERE id = $1', [view.id]);
    await sql(url, 'ALTER TABLE sb_api_tokens ENABLE TRIGGER sb_api_tokens_changed');
    // ...and with it on (as migrations leave it), a revocation by anyone is heard at once.
    await revokeApiToken({ actor: platform, db: other }, view.id);
    await until(async () => (await authenticateCached(db, token)).ok === false, 1_000);
    expect(await authenticateCached(db, token)).toEqual({ ok: false, reason: 'revoked' });
  });

  it('still expire on time, and are not remembered while notifications are down', async () => {
    const { token } = await createApiToken({ actor: platform, db: other }, { name: 'short', access: 'read', expiresInDays: 1 });
    expect((await authenticateCached(db, token)).ok).toBe(true);
    expect(await authenticateCached(db, token, new Date(Date.now() + 86_400_000 + 1_000))).toEqual({ ok: false, reason: 'expired' });
    // The listener's connection is killed: until it is back, every check reads the database.
    await sql(url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'switchboard-cache-listen' AND datname = current_database()");
    await until(async () => changesFor(db)?.live === false);
    const { token: t2, view } = await createApiToken({ actor: platform, db: other }, { name: 'while-down', access: 'read' });
    expect((await authenticateCached(db, t2)).ok).toBe(true);
    await sql(url, 'ALTER TABLE sb_api_tokens DISABLE TRIGGER sb_api_tokens_changed');
    await sql(url, 'UPDATE sb_api_tokens SET revoked_at = now() WHERE id = $1', [view.id]);
    await sql(url, 'ALTER TABLE sb_api_tokens ENABLE TRIGGER sb_api_tokens_changed');
    if (!changesFor(db)?.live) expect(await authenticateCached(db, t2)).toEqual({ ok: false, reason: 'revoked' });
    await until(async () => changesFor(db)?.live === true, 15_000);
  });
});

describe('remembered tenant references', () => {
  it('resolve within the actor\'s reach only, and are forgotten when the tenant goes', async () => {
    const mine = await makeTenant(other);
    const theirs = await makeTenant(other);
    expect(await tenantIdInReach(db, platform, mine.slug)).toBe(mine.id);
    expect(await tenantIdInReach(db, platform, theirs.slug)).toBe(theirs.id);
    // Remembered from the platform admin's lookup, still "not found" for another tenant's admin.
    expect((await caught(tenantIdInReach(db, tenantAdmin(mine.id), theirs.slug))).code).toBe('not_found');
    expect(await tenantIdInReach(db, tenantAdmin(mine.id), mine.slug)).toBe(mine.id);
    await deleteTenant({ actor: platform, db: other }, theirs.id);
    await until(async () => (await tenantIdInReach(db, platform, theirs.slug).catch((e) => e.code)) === 'not_found', 1_000);
  });
});
