import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/portal/page-header';
import { getDb } from '@/lib/db/client';
import { tenantPhoneModels } from '@/lib/domain/phones/devices';
import { getTenant } from '@/lib/domain/tenant/get-tenant';
import { loadOr404 } from '@/lib/next/load';
import { requireActor } from '@/lib/next/session';
import { adminTimeZone } from '@/lib/next/time-zone';

export const metadata: Metadata = { title: 'Phones' };

export default async function PhonesPage({ params }: { params: Promise<{ slug: string }> }) {
  const [actor, zone] = await Promise.all([requireActor(), adminTimeZone()]);
  const { slug } = await params;
  const ctx = { actor, db: getDb() };
  const tenant = await loadOr404(getTenant(ctx, slug));
  const models = await tenantPhoneModels(ctx, tenant.id);
  const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  const total = models.reduce((n, m) => n + m.devices, 0);
  const cell = 'px-3 py-2';
  return (
    <>
      <PageHeader
        title={`Phones · ${tenant.name}`}
        subtitle={`${total.toLocaleString('en')} devices seen registering, by model and firmware (from what each phone says of itself).`}
        actions={<Link href={`/tenants/${tenant.slug}`} className="rounded-md bg-white px-3.5 py-2 text-sm font-semibold ring-1 ring-inset ring-slate-300 hover:bg-slate-50">Extensions</Link>}
      />
      <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Phones of {tenant.name} by model and firmware</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr><th scope="col" className={cell}>Vendor</th><th scope="col" className={cell}>Model</th><th scope="col" className={cell}>Firmware</th><th scope="col" className={`${cell} text-right`}>Devices</th><th scope="col" className={cell}>Last seen</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {models.length === 0 && <tr><td colSpan={5} className={`${cell} text-slate-500`}>No phone has registered yet.</td></tr>}
            {models.map((m) => (
              <tr key={`${m.vendor}|${m.model}|${m.firmware}`}>
                <td className={cell}>{m.vendor ?? 'Unknown'}</td>
                <td className={cell}>{m.model ?? '—'}</td>
                <td className={`${cell} font-mono text-xs`}>{m.firmware ?? '—'}</td>
                <td className={`${cell} text-right tabular-nums`}>{m.devices}</td>
                <td className={`${cell} whitespace-nowrap`}>{when.format(m.lastSeen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
