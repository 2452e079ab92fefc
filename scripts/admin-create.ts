/**
 * `npm run admin:create -- --email you@example.com --name "Your Name" [--role platform_admin]
 *   [--tenant <slug>]`: creates an admin and prints a generated password once. The first platform
 * admin is made this way; there is no default password anywhere.
 */
import '../lib/cli/env.ts';
import { parseArgs } from 'node:util';
import { showOnce } from '../lib/cli/show-once.ts';
import { getDb } from '../lib/db/client.ts';
import { systemActor } from '../lib/domain/actor.ts';
import { createAdmin } from '../lib/domain/admin/create-admin.ts';
import { isAppError } from '../lib/errors.ts';

const USAGE = 'usage: npm run admin:create -- --email <e-mail> --name <name> [--role platform_admin|tenant_admin|viewer] [--tenant <slug>]';

async function main() {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'platform_admin' }, tenant: { type: 'string' } },
  });
  if (!values.email || !values.name) {
    console.error(USAGE);
    process.exit(64);
  }
  const db = getDb();
  try {
    const tenant = values.tenant ? await db.tenant.findUnique({ where: { slug: values.tenant } }) : null;
    if (values.tenant && !tenant) {
      console.error(`no tenant with slug "${values.tenant}"`);
      process.exit(65);
    }
    const { admin, password } = await createAdmin(
      { actor: systemActor('cli:admin:create', 'cli'), db },
      { email: values.email, name: values.name, role: values.role as 'platform_admin', tenantId: tenant?.id ?? null },
    );
    console.log(`created ${admin.role} ${admin.email}`);
    await showOnce(`Password of ${admin.email} (shown once)`, [password]);
  } catch (err) {
    if (isAppError(err)) {
      console.error(`${err.message}${err.fieldErrors ? `\n${Object.entries(err.fieldErrors).map(([k, v]) => `  ${k}: ${v.join(', ')}`).join('\n')}` : ''}`);
      process.exit(65);
    }
    throw err;
  } finally {
    await db.$disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
