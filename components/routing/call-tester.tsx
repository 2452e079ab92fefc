'use client';
import { useState } from 'react';
import { explainCallAction } from '@/app/(portal)/tenants/[slug]/call-test/actions';
import { Pill } from '@/components/ui/badges';
import { Button } from '@/components/ui/button';
import { Form } from '@/components/ui/form';
import { FormError, SelectField, TextField } from '@/components/ui/field';
import type { Decision } from '@/lib/domain/routing/decide';

export function CallTester({ tenantId }: { tenantId: string }) {
  const [direction, setDirection] = useState<'outbound' | 'inbound'>('outbound');
  const [values, setValues] = useState({ from: '', dial: '', did: '' });
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string>();
  const [decision, setDecision] = useState<Decision | null>(null);
  const set = (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [k]: e.target.value }));

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Form
        className="space-y-4"
        onSubmit={async (e) => {
          e.preventDefault();
          setPending(true);
          setErrors({});
          setMessage(undefined);
          const res = await explainCallAction(
            tenantId,
            direction === 'outbound' ? { direction, from: values.from, dial: values.dial } : { direction, did: values.did },
          );
          setPending(false);
          if (!res.ok) {
            setDecision(null);
            if (res.fieldErrors) setErrors(res.fieldErrors);
            else setMessage(res.message);
            return;
          }
          setDecision(res.data);
        }}
      >
        <FormError message={message} />
        <SelectField label="Call" value={direction} onChange={(e) => setDirection(e.target.value as 'outbound')}>
          <option value="outbound">From an extension</option>
          <option value="inbound">To an inbound number (DID)</option>
        </SelectField>
        {direction === 'outbound' ? (
          <>
            <TextField label="From extension" inputMode="numeric" value={values.from} onChange={set('from')} error={errors.from?.[0]} />
            <TextField label="Dials" value={values.dial} onChange={set('dial')} error={errors.dial?.[0]} hint="An extension, a phone number in any format, or an emergency number." />
          </>
        ) : (
          <TextField label="Inbound number" value={values.did} onChange={set('did')} error={errors.did?.[0]} hint="As the trunk delivers it: +49301234567, 0049..., or national." />
        )}
        <Button type="submit" pending={pending}>Test the call</Button>
      </Form>
      <section aria-live="polite" aria-label="Decision">
        {decision && (
          <div className="space-y-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <div className="flex items-center gap-2">
              <Pill tone={decision.allowed ? 'green' : 'red'}>{decision.allowed ? 'Allowed' : 'Denied'}</Pill>
              <span className="font-mono text-sm">{decision.type}</span>
            </div>
            <dl className="space-y-1 text-sm">
              {decision.dialTarget && <div><dt className="inline text-slate-500">Dials: </dt><dd className="inline font-mono">{decision.dialTarget}</dd></div>}
              {decision.e164 && <div><dt className="inline text-slate-500">Number: </dt><dd className="inline font-mono">{decision.e164}</dd></div>}
              {(decision.type === 'EXTERNAL' || decision.type === 'EMERGENCY') && (
                <div>
                  <dt className="inline text-slate-500">Caller ID: </dt>
                  <dd className="inline font-mono">{decision.callerId || 'the extension number (the tenant has no DID)'}</dd>
                </div>
              )}
              {decision.denyReason && <div><dt className="inline text-slate-500">Reason code: </dt><dd className="inline font-mono">{decision.denyReason}</dd></div>}
            </dl>
            <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
              {decision.reasons.map((r) => <li key={r}>{r}</li>)}
            </ol>
          </div>
        )}
      </section>
    </div>
  );
}
