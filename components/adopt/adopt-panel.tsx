'use client';
import Link from 'next/link';
import { useState } from 'react';
import { adoptAction, previewAdoptionAction, type AdoptionInput } from '@/app/(portal)/adopt/actions';
import { Pill } from '@/components/ui/badges';
import { Button } from '@/components/ui/button';
import { CheckboxField, FormError, SelectField, TextField } from '@/components/ui/field';
import { Form } from '@/components/ui/form';
import type { AdoptionPlan } from '@/lib/domain/adopt/plan-adoption';
import type { UnownedEndpoint } from '@/lib/domain/adopt/list-unowned';
import { PlanTable } from './plan-table';

type TenantChoice = { id: string; slug: string; name: string; context: string };

/**
 * Choose endpoints, a tenant and options; preview the plan; adopt exactly what was previewed. Any
 * change after a preview drops it, so the button always writes the plan on the screen.
 */
export function AdoptPanel({ endpoints, tenants }: { endpoints: UnownedEndpoint[]; tenants: TenantChoice[] }) {
  const adoptable = endpoints.filter((e) => !e.trunk).map((e) => e.id);
  const [selected, setSelected] = useState<Set<string>>(() => new Set(adoptable));
  const [tenant, setTenant] = useState('');
  const [numberFrom, setNumberFrom] = useState('');
  const [options, setOptions] = useState({ convertSecrets: false, setContext: false, skipConflicts: false });
  const [plan, setPlan] = useState<AdoptionPlan | null>(null);
  const [done, setDone] = useState<{ adopted: number; slug: string; name: string } | null>(null);
  const [pending, setPending] = useState<'preview' | 'adopt' | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string>();

  const changed = () => {
    setPlan(null);
    setDone(null);
  };
  const toggle = (id: string) => {
    changed();
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const input = (): AdoptionInput => ({ tenant, selection: { ids: [...selected] }, options: { ...options, numberFrom } });

  async function run(kind: 'preview' | 'adopt') {
    setPending(kind);
    setErrors({});
    setMessage(undefined);
    if (!tenant) {
      setErrors({ tenant: ['choose the tenant that takes them over'] });
      setPending(null);
      return;
    }
    if (kind === 'preview') {
      const res = await previewAdoptionAction(input());
      setPending(null);
      if (!res.ok) return fail(res.message, res.fieldErrors);
      setPlan(res.data);
      return;
    }
    const res = await adoptAction(input());
    setPending(null);
    if (!res.ok) return fail(res.message, res.fieldErrors);
    setPlan(res.data.plan);
    if (res.data.status === 'stopped') return setMessage('Nothing was adopted: there are conflicts. Resolve them, or choose to skip them.');
    setPlan(null);
    setSelected(new Set());
    setDone({ adopted: res.data.adopted, slug: res.data.plan.tenant.slug, name: res.data.plan.tenant.name });
  }
  function fail(text: string, fields?: Record<string, string[]>) {
    if (fields && Object.keys(fields).length) setErrors(fields);
    setMessage(text);
  }

  const blocked = plan ? plan.counts.adopt === 0 || (plan.counts.conflict > 0 && !options.skipConflicts) : true;
  return (
    <div className="space-y-6">
      {done && (
        <p role="status" className="rounded-md bg-green-50 p-3 text-sm text-green-800 ring-1 ring-green-200">
          Adopted {done.adopted} endpoint{done.adopted === 1 ? '' : 's'} into{' '}
          <Link href={`/tenants/${done.slug}`} className="font-semibold underline">{done.name}</Link>.
        </p>
      )}
      <EndpointTable endpoints={endpoints} selected={selected} toggle={toggle} setAll={(ids) => { changed(); setSelected(new Set(ids)); }} adoptable={adoptable} />
      {endpoints.length > 0 && (
        <Form className="space-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200" onSubmit={(e) => { e.preventDefault(); void run('preview'); }}>
          <h2 className="font-semibold">Adopt the selected endpoints</h2>
          <FormError message={message} />
          <div className="grid gap-4 md:grid-cols-2">
            <SelectField label="Tenant" value={tenant} error={errors.tenant?.[0]} onChange={(e) => { changed(); setTenant(e.target.value); }}>
              <option value="">Choose a tenant…</option>
              {tenants.map((t) => <option key={t.id} value={t.id}>{t.name} ({t.slug})</option>)}
            </SelectField>
            <TextField
              label="Number pattern"
              value={numberFrom}
              error={errors.numberFrom?.[0]}
              onChange={(e) => { changed(); setNumberFrom(e.target.value); }}
              placeholder="^acme-(\d+)$"
              hint="Optional: a regular expression over the id whose first group is the number. By default the last digits of the id are the number."
            />
          </div>
          <fieldset className="space-y-2">
            <legend className="sr-only">Options</legend>
            <CheckboxField label="Convert plaintext passwords to digests" checked={options.convertSecrets} onChange={(e) => { changed(); setOptions((o) => ({ ...o, convertSecrets: e.target.checked })); }} hint="The phones keep their passwords; ps_auths then holds an md5 digest instead." />
            <CheckboxField label="Move the phones into the tenant's context" checked={options.setContext} onChange={(e) => { changed(); setOptions((o) => ({ ...o, setContext: e.target.checked })); }} hint="Their calls then follow the tenant's dialplan and call rules. Without it their context stays as it is." />
            <CheckboxField label="Skip conflicts" checked={options.skipConflicts} onChange={(e) => { changed(); setOptions((o) => ({ ...o, skipConflicts: e.target.checked })); }} hint="Adopt the others and leave the conflicting endpoints as they are." />
          </fieldset>
          {errors.convertSecrets && <p role="alert" className="text-sm text-red-600">{errors.convertSecrets[0]}</p>}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="secondary" pending={pending === 'preview'} disabled={selected.size === 0}>Preview</Button>
            {plan && (
              <Button type="button" pending={pending === 'adopt'} disabled={blocked} onClick={() => void run('adopt')}>
                Adopt {plan.counts.adopt} endpoint{plan.counts.adopt === 1 ? '' : 's'}
              </Button>
            )}
          </div>
        </Form>
      )}
      {plan && <PlanTable plan={plan} />}
    </div>
  );
}

function EndpointTable({ endpoints, selected, toggle, setAll, adoptable }: {
  endpoints: UnownedEndpoint[];
  selected: Set<string>;
  toggle: (id: string) => void;
  setAll: (ids: string[]) => void;
  adoptable: string[];
}) {
  if (!endpoints.length) return <p className="rounded-lg bg-white p-6 text-sm text-slate-600 ring-1 ring-slate-200">No unowned endpoints match.</p>;
  const all = adoptable.length > 0 && adoptable.every((id) => selected.has(id));
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full text-left text-sm" aria-label="Unowned endpoints">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">
              <input type="checkbox" aria-label="Select all" checked={all} onChange={() => setAll(all ? [] : adoptable)} className="size-4 rounded border-slate-300" />
            </th>
            <th scope="col" className="px-4 py-2">Endpoint</th>
            <th scope="col" className="px-4 py-2">Context</th>
            <th scope="col" className="px-4 py-2">Auth</th>
            <th scope="col" className="px-4 py-2">AOR</th>
            <th scope="col" className="px-4 py-2 text-right">Registered</th>
            <th scope="col" className="px-4 py-2">Voicemail</th>
            <th scope="col" className="px-4 py-2">Caller ID</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {endpoints.map((e) => (
            <tr key={e.id}>
              <td className="px-4 py-2">
                <input type="checkbox" aria-label={`Select ${e.id}`} checked={selected.has(e.id)} onChange={() => toggle(e.id)} className="size-4 rounded border-slate-300" />
              </td>
              <td className="px-4 py-2 font-mono text-xs">
                {e.id}
                {e.trunk && <div className="mt-1"><Pill tone="amber">looks like a trunk</Pill></div>}
              </td>
              <td className="px-4 py-2 font-mono text-xs">{e.context ?? '—'}</td>
              <td className="px-4 py-2 text-xs">
                {!e.authId ? <Pill tone="red">none</Pill> : !e.auth ? <Pill tone="red">{e.authId} missing</Pill> : (
                  <>
                    <span className="font-mono">{e.auth.username ?? '—'}</span>{' '}
                    {e.auth.plaintext ? <Pill tone="amber">plaintext</Pill> : <Pill tone="slate">{e.auth.type ?? 'userpass'}</Pill>}
                    {e.auth.realm && <div className="text-slate-500">realm {e.auth.realm}</div>}
                  </>
                )}
              </td>
              <td className="px-4 py-2 text-xs">{!e.aorId ? <Pill tone="red">none</Pill> : !e.aor ? <Pill tone="red">{e.aorId} missing</Pill> : `up to ${e.aor.maxContacts ?? 0}`}</td>
              <td className="px-4 py-2 text-right tabular-nums">{e.registrations}</td>
              <td className="px-4 py-2 font-mono text-xs">{e.voicemail ?? '—'}</td>
              <td className="px-4 py-2 text-xs">{e.callerid ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
