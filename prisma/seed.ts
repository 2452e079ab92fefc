/** `npm run db:seed`: the demo (prisma/demo.ts), with its generated secrets shown once. */
import { showOnce } from '../lib/cli/show-once.ts';
import { getDb } from '../lib/db/client.ts';
import { seedDemo } from './demo.ts';

async function main() {
  const db = getDb();
  try {
    const { admin, tenant, sipAccounts } = await seedDemo(db);
    if (admin) await showOnce('Platform admin (the password is shown once)', [`${admin.email}  password ${admin.password}`]);
    else console.log('a platform admin exists (lost the password? npm run admin:create -- --email ... --name ...)');
    if (!tenant) {
      console.log('demo tenant already present: nothing more to seed');
      return;
    }
    console.log(`seeded tenant "${tenant.name}" (${tenant.sipDomain}), context ${tenant.context}`);
    await showOnce(
      'Demo SIP accounts (secrets are shown once; store them in the phones now)',
      sipAccounts.map((s) => `${s.number}@${s.sipDomain}  user ${s.number}  secret ${s.secret}`),
    );
  } finally {
    await db.$disconnect();
  }
}

main().catch((err) => {
  console.error(`seed failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
