/**
 * The demo: a platform admin and a tenant with a few phones, as `npm start` seeds them and as the
 * README's screenshots show them. Safe to run again: what exists is left as it is.
 */
import type { Db } from '../lib/db/client.ts';
import { systemActor } from '../lib/domain/actor.ts';
import { createAdmin } from '../lib/domain/admin/create-admin.ts';
import { addDid } from '../lib/domain/did/add-did.ts';
import { bulkCreateExtensions } from '../lib/domain/extension/bulk-create-extensions.ts';
import { createTenant } from '../lib/domain/tenant/create-tenant.ts';
import { seedDemoCalls } from './demo-calls.ts';

export const DEMO_SLUG = 'demo';

export type DemoSeed = {
  admin: { email: string; password: string } | null;
  tenant: { name: string; sipDomain: string; context: string } | null;
  sipAccounts: { number: string; sipDomain: string; secret: string }[];
};

export async function seedDemo(db: Db): Promise<DemoSeed> {
  const ctx = { actor: systemActor('seed', 'cli'), db };
  const result: DemoSeed = { admin: null, tenant: null, sipAccounts: [] };
  if (!(await db.adminUser.count({ where: { role: 'platform_admin' } }))) {
    // A random password, shown once; never a default one.
    const email = process.env.DEMO_ADMIN_EMAIL ?? 'admin@switchboard.test';
    const { password } = await createAdmin(ctx, { email, name: 'Demo Admin', role: 'platform_admin' });
    result.admin = { email, password };
  }
  if (await db.tenant.findUnique({ where: { slug: DEMO_SLUG } })) return result;
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
  // A week of call records, as Asterisk would have written them, for the Calls page and charts.
  await seedDemoCalls(db, { slug: tenant.slug, context: tenant.context, sipDomain: tenant.sipDomain, trunk: 'itsp-trunk', did: '+12125550100' });
  result.tenant = { name: tenant.name, sipDomain: tenant.sipDomain, context: tenant.context };
  result.sipAccounts = secrets.map((s) => ({ number: s.number, sipDomain: tenant.sipDomain, secret: s.secret }));
  return result;
}
