import { getDb } from '@/lib/db/client';
import { systemActor } from '@/lib/domain/actor';
import { listExtensions } from '@/lib/domain/extension/list-extensions';
import { registrationsFor } from '@/lib/domain/extension/registrations';

export const dynamic = 'force-dynamic';

const DEMO = process.env.DEMO_TENANT ?? 'demo';

/** Interim read-only page of the demo tenant's phones, until the signed-in portal replaces it. */
export default async function Home() {
  const db = getDb();
  const ctx = { actor: systemActor('demo-page'), db };
  const tenant = await db.tenant.findUnique({ where: { slug: DEMO } });
  if (!tenant)
    return (
      <main className="mx-auto max-w-3xl p-8">
        <h1 className="text-2xl font-semibold">Switchboard</h1>
        <p className="mt-4 text-slate-600">No demo tenant yet: run <code>npm run db:seed</code>.</p>
      </main>
    );
  const { items } = await listExtensions(ctx, tenant.id, { limit: 200 });
  const regs = await registrationsFor(db, items.map((e) => e.endpointId));
  return (
    <main className="mx-auto max-w-4xl p-8">
      <h1 className="text-2xl font-semibold">{tenant.name}</h1>
      <p className="mt-1 text-sm text-slate-600">
        SIP domain <code>{tenant.sipDomain}</code> · dialplan context <code>{tenant.context}</code>
      </p>
      <table className="mt-6 w-full border-collapse overflow-hidden rounded-lg bg-white text-left text-sm shadow-sm">
        <thead className="bg-slate-100 text-slate-600">
          <tr>
            <th className="p-3">Number</th>
            <th className="p-3">Name</th>
            <th className="p-3">E-mail</th>
            <th className="p-3">External calls</th>
            <th className="p-3">Status</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => {
            const contacts = regs.get(e.endpointId) ?? [];
            return (
              <tr key={e.id} className="border-t border-slate-100">
                <td className="p-3 font-mono">{e.number}</td>
                <td className="p-3">
                  {e.displayName}
                  {e.adSynced && (
                    <span title={e.adUsername ?? undefined} className="ml-2 rounded bg-green-600 px-1.5 py-0.5 text-xs font-semibold text-white">
                      AD
                    </span>
                  )}
                </td>
                <td className="p-3">{e.email ?? '—'}</td>
                <td className="p-3">{e.allowExternal ? 'allowed' : 'internal only'}</td>
                <td className="p-3">{contacts.length ? `registered (${contacts[0].userAgent ?? 'unknown device'})` : 'not registered'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </main>
  );
}
