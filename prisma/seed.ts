/**
 * `npm run db:seed`: a demo tenant with a few phones, for the quick start. Safe to run again:
 * an existing demo tenant is left as it is (its secrets were shown when it was created).
 */
import { showOnce } from '../lib/cli/show-once.ts';
import { getDb } from '../lib/db/client.ts';
import { systemActor } from '../lib/domain/actor.ts';
import { createAdmin } from '../lib/domain/admin/create-admin.ts';
import { addDid } from '../lib/domain/did/add-did.ts';
import { bulkCreateExtensions } from '../lib/domain/extension/bulk-create-extensions.ts';
import { createTenant } from '../lib/domain/tenant/create-tenant.ts';

export const DEMO_SLUG = 'demo';

async function main() {
  const db = getDb();
  const ctx = { actor: systemActor('seed', 'cli'), db };
  try {
    await seedAdmin(ctx);
    if (await db.tenant.findUnique({ where: { slug: DEMO_SLUG } })) {
      console.log('demo tenant already present: nothing more to seed');
      return;
    }
    const tenant = await createTenant(ctx, {
      slug: DEMO_SLUG,
      name: 'Demo Company',
      sipDomain: process.env.DEMO_SIP_DOMAIN ?? 'demo.switchboard.test',
      defaultCountry: 'US',
      extensionLength: 4,
      outboundTrunk: 'itsp-trunk',
    });
    const { secrets } = await bulkCreateExtensions(ctx, tenant.id, [
      { number: '1001', displayName: 'Alice Anders', email: 'alice@demo.switchboard.test', voicemailPin: '4826' },
      { number: '1002', displayName: 'Bob Brown', email: 'bob@demo.switchboard.test' },
      { number: '1003', displayName: 'Reception', allowExternal: false, voicemailPin: '7391' },
      { number: '1004', displayName: 'Carol Jones', email: 'carol.jones@demo.switchboard.test', adSynced: true, adUsername: 'DEMO\\carol.jones', directoryId: 'b5c1b7e0-3f9a-4c1e-9d2f-0a7c4e1b9d01' },
    ]);
    await addDid(ctx, tenant.id, { number: '+1 212 555 0100', extensionNumber: '1003', label: 'Main number' });
    console.log(`seeded tenant "${tenant.name}" (${tenant.sipDomain}), context ${tenant.context}`);
    await showOnce(
      'Demo SIP accounts (secrets are shown once; store them in the phones now)',
      secrets.map((s) => `${s.number}@${tenant.sipDomain}  user ${s.number}  secret ${s.secret}`),
    );
  } finally {
    await db.$disconnect();
  }
}

/** A first platform admin with a random password, printed once; never a default password. */
async function seedAdmin(ctx: { actor: ReturnType<typeof systemActor>; db: ReturnType<typeof getDb> }) {
  if (await ctx.db.adminUser.count({ where: { role: 'platform_admin' } })) {
    console.log('a platform admin exists (lost the password? npm run admin:create -- --email ... --name ...)');
    return;
  }
  const email = process.env.DEMO_ADMIN_EMAIL ?? 'admin@switchboard.test';
  const { password } = await createAdmin(ctx, { email, name: 'Demo Admin', role: 'platform_admin' });
  await showOnce('Platform admin (the password is shown once)', [`${email}  password ${password}`]);
}

main().catch((err) => {
  console.error(`seed failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
