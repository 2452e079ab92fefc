import Link from 'next/link';
import type { Metadata } from 'next';
import { PageHeader } from '@/components/portal/page-header';
import { AuditTable } from '@/components/portal/audit-table';
import { CallActivity } from '@/components/calls/call-activity';
import { callStats } from '@/lib/domain/calls/stats';
import { RegisteredOverTime } from '@/components/phones/registered-over-time';
import { registeredOverTime } from '@/lib/domain/phones/devices';
import { adminTimeZone } from '@/lib/next/time-zone';
import { listAudit } from '@/lib/domain/audit/list-audit';
import { dashboardStats } from '@/lib/domain/dashboard/stats';
import { getDb } from '@/lib/db/client';
import { listTenants } from '@/lib/domain/tenant/list-tenants';
import { amiRegisteredCount } from '@/lib/next/registrations';
import { requireActor } from '@/lib/next/session';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function Dashboard() {
  const [actor, zone] = await Promise.all([requireActor(), adminTimeZone()]);
  const ctx = { actor, db: getDb() };
  const now = new Date();
  const [stats, recent, tenants, calls, registeredSeries] = await Promise.all([
    dashboardStats(ctx),
    listAudit(ctx, { limit: 10 }),
    listTenants(ctx, { limit: 200 }),
    // Every tenant within reach: the platform's for a platform admin, one's own for a tenant admin.
    callStats(ctx, null, { from: new Date(now.getTime() - 7 * 86_400_000), to: now, zone }),
    registeredOverTime(ctx, null, { from: new Date(now.getTime() - 2 * 86_400_000), to: now, zone, bucket: 'hour' }),
  ]);
  // With REGISTRATION_SOURCE=ami the count comes from Asterisk's live contact list instead.
  const registered = amiRegisteredCount(tenants.items.map((t) => t.sipDomain)) ?? stats.registered;
  const cards = [
    { label: 'Tenants', value: stats.tenants, href: '/tenants' },
    { label: 'Extensions', value: stats.extensions, href: '/tenants' },
    { label: 'Phones registered now', value: registered, href: '/tenants' },
  ];
  return (
    <>
      <PageHeader title="Dashboard" subtitle={`Signed in as ${actor.label}`} />
      <dl className="grid gap-4 sm:grid-cols-3">
        {cards.map((c) => (
          <Link key={c.label} href={c.href} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200 hover:ring-indigo-300">
            <dt className="text-sm text-slate-600">{c.label}</dt>
            <dd className="mt-1 text-3xl font-semibold tabular-nums">{c.value.toLocaleString('en')}</dd>
          </Link>
        ))}
      </dl>
      <div className="mt-8">
        <CallActivity stats={calls} title="Calls this week" rangeLabel="Last 7 days" />
        <RegisteredOverTime points={registeredSeries} rangeLabel="Last 48 hours" />
      </div>
      <section className="mt-8" aria-labelledby="recent">
        <div className="mb-3 flex items-baseline justify-between">
          <h2 id="recent" className="text-lg font-semibold">
            Recent changes
          </h2>
          <Link href="/audit" className="text-sm font-semibold text-indigo-600 hover:underline">
            Full audit log
          </Link>
        </div>
        <AuditTable entries={recent.items} />
      </section>
    </>
  );
}
