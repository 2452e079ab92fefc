import type { Metadata } from 'next';
import { AdminCreateForm } from '@/components/admin/admin-create-form';
import { AdminRoleSelect } from '@/components/admin/admin-role-select';
import { AdminRowActions } from '@/components/admin/admin-row-actions';
import { PageHeader } from '@/components/portal/page-header';
import { Forbidden } from '@/components/portal/forbidden';
import { Pill } from '@/components/ui/badges';
import { getDb } from '@/lib/db/client';
import { listAdmins } from '@/lib/domain/admin/list-admins';
import { listTenants } from '@/lib/domain/tenant/list-tenants';
import { requireActor } from '@/lib/next/session';

export const metadata: Metadata = { title: 'Admins' };
const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

export default async function AdminsPage() {
  const actor = await requireActor();
  if (actor.role !== 'platform_admin') return <Forbidden message="Only platform admins manage admin accounts." />;
  const ctx = { actor, db: getDb() };
  const [admins, tenants] = await Promise.all([listAdmins(ctx), listTenants(ctx, { limit: 200 })]);
  const tenantOptions = tenants.items.map((t) => ({ id: t.id, name: t.name }));
  return (
    <>
      <PageHeader title="Admins" subtitle="Who can sign in, with which role, for which tenant." />
      <section aria-labelledby="new-admin" className="mb-8 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
        <h2 id="new-admin" className="mb-3 font-semibold">New admin</h2>
        <AdminCreateForm tenants={tenantOptions} />
      </section>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2">Admin</th>
              <th scope="col" className="px-4 py-2">Role</th>
              <th scope="col" className="px-4 py-2">Last sign-in (UTC)</th>
              <th scope="col" className="px-4 py-2">Actions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {admins.map((a) => (
              <tr key={a.id}>
                <td className="px-4 py-2">
                  <div className="font-medium">{a.name} {a.disabled && <Pill tone="red">disabled</Pill>}</div>
                  <div className="text-xs text-slate-500">{a.email}</div>
                </td>
                <td className="px-4 py-2">
                  {a.id === actor.id ? 'Platform admin (you)' : <AdminRoleSelect id={a.id} email={a.email} role={a.role} tenantId={a.tenantId} tenants={tenantOptions} />}
                </td>
                <td className="px-4 py-2 text-slate-600">{a.lastLoginAt ? when.format(a.lastLoginAt) : 'never'}</td>
                <td className="px-4 py-2">{a.id !== actor.id && <AdminRowActions id={a.id} email={a.email} disabled={a.disabled} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
