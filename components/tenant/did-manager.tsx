'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { addDidAction, removeDidAction, setMainDidAction } from '@/app/(portal)/tenants/actions';
import { Pill } from '@/components/ui/badges';
import { applyServerErrors } from '@/components/ui/server-errors';
import { Button } from '@/components/ui/button';
import { Form } from '@/components/ui/form';
import { FormError, TextField } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { didInput, type DidInput } from '@/lib/domain/did/schemas';

type Did = {
  id: string;
  e164: string;
  label: string | null;
  extension: { number: string; displayName: string } | null;
  /** The tenant's main number: the caller ID of every extension without a pick of its own. */
  isMain: boolean;
  /** Extensions that picked this number as their caller ID. */
  callerIdUsers: number;
};

export function DidManager({ tenantId, dids, canWrite }: { tenantId: string; dids: Did[]; canWrite: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [error, setError] = useState<string>();
  const form = useForm<DidInput>({ resolver: zodResolver(didInput) });
  const { errors, isSubmitting } = form.formState;
  return (
    <div className="space-y-4">
      {dids.length === 0 ? (
        <p className="text-sm text-slate-600">No inbound numbers yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg bg-white ring-1 ring-slate-200">
          {dids.map((d) => (
            <li key={d.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
              <span>
                <span className="font-mono">{d.e164}</span> → {d.extension ? `${d.extension.number} ${d.extension.displayName}` : <em>unassigned (calls refused)</em>}
                {d.label && <span className="text-slate-500"> · {d.label}</span>}
                {d.isMain && <> <Pill tone="green">Main number</Pill></>}
                {d.callerIdUsers > 0 && (
                  <span className="text-slate-500"> · caller ID of {d.callerIdUsers} extension{d.callerIdUsers === 1 ? '' : 's'}</span>
                )}
              </span>
              {canWrite && (
                <span className="flex gap-2">
                  {!d.isMain && (
                    <Button
                      type="button"
                      variant="secondary"
                      aria-label={`Make ${d.e164} the main number`}
                      onClick={async () => {
                        const res = await setMainDidAction(d.id);
                        if (!res.ok) return toast(res.message, 'error');
                        toast(`${d.e164} is now the main number`);
                        router.refresh();
                      }}
                    >
                      Make main number
                    </Button>
                  )}
                  <Button
                    type="button"
                    variant="secondary"
                    onClick={async () => {
                      const res = await removeDidAction(d.id);
                      if (!res.ok) return toast(res.message, 'error');
                      toast(`${d.e164} removed`);
                      router.refresh();
                    }}
                    aria-label={`Remove ${d.e164}`}
                  >
                    Remove
                  </Button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <Form
          className="grid items-start gap-3 sm:grid-cols-4"
          onSubmit={form.handleSubmit(async (values) => {
            setError(undefined);
            const res = await addDidAction(tenantId, values);
            if (!res.ok) return setError(applyServerErrors(form, res));
            toast(`${res.data.e164} added`);
            form.reset({ number: '', extensionNumber: '', label: '' });
            router.refresh();
          })}
        >
          <div className="sm:col-span-4">
            <FormError message={error} />
          </div>
          <TextField label="Inbound number" placeholder="+1 212 555 0100" error={errors.number?.message} {...form.register('number')} />
          <TextField label="Rings extension" placeholder="1001" error={errors.extensionNumber?.message} {...form.register('extensionNumber')} />
          <TextField label="Label" error={errors.label?.message} {...form.register('label')} />
          <div className="pt-6">
            <Button type="submit" pending={isSubmitting}>Add number</Button>
          </div>
        </Form>
      )}
    </div>
  );
}
