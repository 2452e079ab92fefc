import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ExtensionDirectoryBox } from '@/components/directory/extension-directory-box';
import { ExtensionDangerZone } from '@/components/extension/extension-danger-zone';
import { ExtensionForm } from '@/components/extension/extension-form';
import { PendingSecretReveal } from '@/components/extension/pending-secret-reveal';
import { VoicemailPanel } from '@/components/extension/voicemail-panel';
import { CallsTable } from '@/components/calls/calls-table';
import { ExtensionDevices } from '@/components/phones/devices-table';
import { PageHeader } from '@/components/portal/page-header';
import { AutoRefresh } from '@/components/ui/auto-refresh';
import { Pill } from '@/components/ui/badges';
import { getDb } from '@/lib/db/client';
import { listCalls } from '@/lib/domain/calls/list-calls';
import { extensionDevices } from '@/lib/domain/phones/devices';
import { hasPendingSecret } from '@/lib/domain/directory/pending-secret';
import { listDids } from '@/lib/domain/did/list-dids';
import { chooseCallerId } from '@/lib/domain/extension/caller-id';
import { getExtension } from '@/lib/domain/extension/get-extension';
import { mailboxOf } from '@/lib/domain/sip/asterisk-rows';
import { mailboxCountsOf } from '@/lib/domain/extension/mailbox-counts';
import { mailboxCounter } from '@/lib/next/mailboxes';
import { getRegistrations } from '@/lib/next/registrations';
import { loadOr404 } from '@/lib/next/load';
import { requireActor } from '@/lib/next/session';
import { adminTimeZone } from '@/lib/next/time-zone';

export const metadata: Metadata = { title: 'Extension' };
const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });

export default async function ExtensionPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const actor = await requireActor();
  const { slug, id } = await params;
  const db = getDb();
  const ext = await loadOr404(getExtension({ actor, db }, id));
  if (ext.tenant.slug !== slug) notFound();
  const [registrations, mailbox, dids, pendingSecret, recent, zone, seen] = await Promise.all([
    getRegistrations([ext.endpointId]),
    mailboxCountsOf(ext, mailboxCounter()),
    listDids({ actor, db }, ext.tenant.id),
    ext.adSynced ? hasPendingSecret({ actor, db }, ext.id) : false,
    listCalls({ actor, db }, ext.tenant.id, { extension: ext.number, limit: 10 }),
    adminTimeZone(),
    extensionDevices({ actor, db }, ext.id),
  ]);
  const contacts = registrations.get(ext.endpointId) ?? [];
  const callerId = chooseCallerId(ext, ext.tenant, (didId) => dids.find((d) => d.id === didId));
  const [user, domain] = ext.endpointId.split('@');
  const canWrite = actor.role !== 'viewer';
  return (
    <>
      <AutoRefresh seconds={10} />
      <PageHeader
        title={`${ext.number} · ${ext.displayName}`}
        subtitle={
          <>
            <Link href={`/tenants/${slug}`} className="text-indigo-600 hover:underline">{ext.tenant.name}</Link> ·{' '}
            {ext.active ? <Pill tone="green">active</Pill> : <Pill tone="slate">inactive</Pill>}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="sip" className="space-y-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200 lg:col-span-1">
          <h2 id="sip" className="font-semibold">Phone settings</h2>
          <dl className="space-y-1 text-sm">
            <div><dt className="inline text-slate-500">User name: </dt><dd className="inline font-mono">{user}</dd></div>
            <div><dt className="inline text-slate-500">Domain / realm: </dt><dd className="inline font-mono">{domain}</dd></div>
            <div><dt className="inline text-slate-500">Endpoint: </dt><dd className="inline font-mono break-all">{ext.endpointId}</dd></div>
            <div><dt className="inline text-slate-500">Voicemail: </dt><dd className="inline">{ext.hasVoicemail ? `yes (${mailboxOf(ext, ext.tenant)})` : 'no'}</dd></div>
            <div>
              <dt className="inline text-slate-500">Outside caller ID: </dt>
              <dd className="inline font-mono">{callerId ? `${callerId.e164}${callerId.source === 'main' ? ' (main number)' : ''}` : 'none (no DID)'}</dd>
            </div>
            <div><dt className="inline text-slate-500">Password changed: </dt><dd className="inline">{when.format(ext.secretChangedAt)} UTC</dd></div>
          </dl>
          {ext.adSynced && <ExtensionDirectoryBox ext={ext} slug={slug} />}
          <h2 className="pt-3 font-semibold">Registration</h2>
          {contacts.length === 0 ? (
            <p className="text-sm text-slate-600">Not registered.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {contacts.map((c) => (
                <li key={c.uri} className="rounded-md bg-green-50 p-2 ring-1 ring-green-200">
                  <div><Pill tone="green">Registered</Pill></div>
                  <div className="mt-1 font-mono text-xs break-all">{c.uri}</div>
                  <div className="text-xs text-slate-600">{c.userAgent ?? 'unknown device'}{c.viaAddr ? ` · from ${c.viaAddr}:${c.viaPort}` : ''}</div>
                  {c.expiresAt && <div className="text-xs text-slate-600">expires {when.format(c.expiresAt)} UTC</div>}
                </li>
              ))}
            </ul>
          )}
          <h2 id="voicemail" className="pt-3 font-semibold">Voicemail</h2>
          <VoicemailPanel id={ext.id} number={ext.number} counts={mailbox} canWrite={canWrite} />
        </section>
        <section aria-labelledby="edit" className="space-y-6 lg:col-span-2">
          <h2 id="edit" className="sr-only">Edit</h2>
          {canWrite ? (
            <>
              <ExtensionForm
                tenant={{ id: ext.tenant.id, slug, extensionLength: ext.tenant.extensionLength, defaultCountry: ext.tenant.defaultCountry, sipDomain: ext.tenant.sipDomain }}
                extension={ext}
                callerIds={dids.map((d) => ({ id: d.id, e164: d.e164, label: d.label, isMain: d.isMain }))}
              />
              {ext.adSynced && <PendingSecretReveal id={ext.id} number={ext.number} pending={pendingSecret} />}
              <ExtensionDangerZone id={ext.id} number={ext.number} tenantSlug={slug} />
            </>
          ) : (
            <p className="text-sm text-slate-600">You have read-only access.</p>
          )}
        </section>
      </div>
      <section aria-labelledby="devices" className="mt-6">
        <h2 id="devices" className="mb-2 text-base font-semibold">Phones</h2>
        <ExtensionDevices devices={seen.devices} events={seen.events} zone={zone} />
      </section>
      <section aria-labelledby="recent-calls" className="mt-6">
        <div className="mb-2 flex items-baseline justify-between">
          <h2 id="recent-calls" className="text-base font-semibold">Recent calls</h2>
          <Link href={`/tenants/${slug}/calls?range=30d&extension=${ext.number}`} className="text-sm font-semibold text-indigo-600 hover:underline">All calls of {ext.number} →</Link>
        </div>
        {recent.items.length ? (
          <CallsTable calls={recent.items} zone={zone} caption={`Recent calls of ${ext.number}`} />
        ) : (
          <p className="rounded-lg bg-white p-4 text-sm text-slate-600 ring-1 ring-slate-200">No calls yet.</p>
        )}
      </section>
    </>
  );
}
