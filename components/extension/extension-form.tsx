'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { createExtensionAction, updateExtensionAction } from '@/app/(portal)/tenants/[slug]/extensions/actions';
import { applyServerErrors } from '@/components/ui/server-errors';
import { Button } from '@/components/ui/button';
import { Form } from '@/components/ui/form';
import { CheckboxField, FormError, SelectField, TextField } from '@/components/ui/field';
import { SecretOnce } from '@/components/ui/secret-once';
import { useToast } from '@/components/ui/toast';
import { extensionInputFor, extensionUpdateInputFor, type ExtensionInput, type TenantNumbering } from '@/lib/domain/extension/schemas';

type Tenant = TenantNumbering & { id: string; slug: string };
type Existing = {
  id: string;
  number: string;
  displayName: string;
  email: string | null;
  allowExternal: boolean;
  active: boolean;
  maxContacts: number;
  hasVoicemail: boolean;
  /** The DID this extension picked as caller ID; null follows the tenant's main number. */
  callerIdDidId: string | null;
  /** Synced from the directory, which owns its number, name and e-mail. */
  adSynced?: boolean;
};

// Still editable (a fix may not wait for the directory), but the directory has the last word.
const DIRECTORY_OWNED = 'Owned by the directory: the next sync restores this.';
/** The tenant's DIDs, any of which an extension may present on outside calls. */
export type CallerIdOption = { id: string; e164: string; label: string | null; isMain: boolean };

export function ExtensionForm({ tenant, extension, callerIds = [] }: { tenant: Tenant; extension?: Existing; callerIds?: CallerIdOption[] }) {
  const router = useRouter();
  const toast = useToast();
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<{ secret: string; endpointId: string; id: string; title: string } | null>(null);
  const editing = !!extension;
  const form = useForm<ExtensionInput>({
    resolver: zodResolver((editing ? extensionUpdateInputFor(tenant) : extensionInputFor(tenant)) as ReturnType<typeof extensionInputFor>),
    defaultValues: extension
      ? {
          number: extension.number,
          displayName: extension.displayName,
          email: extension.email ?? '',
          allowExternal: extension.allowExternal,
          active: extension.active,
          maxContacts: extension.maxContacts,
          callerId: callerIds.find((d) => d.id === extension.callerIdDidId)?.e164 ?? '',
        }
      : { allowExternal: true, active: true, maxContacts: 1, callerId: '' },
  });
  const main = callerIds.find((d) => d.isMain);
  const owned = extension?.adSynced ? DIRECTORY_OWNED : undefined;
  const { errors, isSubmitting } = form.formState;

  if (created)
    return (
      <div className="max-w-2xl space-y-4">
        <p className="text-sm text-slate-700">
          {created.title} The phone registers as user <code className="font-mono">{created.endpointId.split('@')[0]}</code> at domain{' '}
          <code className="font-mono">{created.endpointId.split('@')[1]}</code>.
        </p>
        <SecretOnce label="SIP password" secret={created.secret} />
        <div className="flex gap-3">
          <Link href={`/tenants/${tenant.slug}/extensions/${created.id}`} className="text-sm font-semibold text-indigo-600 hover:underline">
            Open the extension
          </Link>
          <Link href={`/tenants/${tenant.slug}`} className="text-sm font-semibold text-indigo-600 hover:underline">
            Back to the list
          </Link>
        </div>
      </div>
    );

  return (
    <Form
      className="max-w-2xl space-y-5"
      onSubmit={form.handleSubmit(async (values) => {
        setError(undefined);
        if (editing) {
          const { secret: _s, voicemailPin, ...rest } = values;
          const res = await updateExtensionAction(extension.id, { ...rest, ...(voicemailPin ? { voicemailPin } : {}) });
          if (!res.ok) return setError(applyServerErrors(form, res));
          toast('Extension saved');
          if (res.data.secret)
            return setCreated({ secret: res.data.secret, endpointId: res.data.endpointId, id: extension.id, title: 'The number changed, so the phone needs a new SIP password.' });
          router.refresh();
          return;
        }
        const res = await createExtensionAction(tenant.id, values);
        if (!res.ok) return setError(applyServerErrors(form, res));
        toast(`Extension ${res.data.number} created`);
        setCreated({ secret: res.data.secret, endpointId: res.data.endpointId, id: res.data.id, title: `Extension ${res.data.number} is ready.` });
      })}
    >
      <FormError message={error} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Number"
          inputMode="numeric"
          autoComplete="off"
          hint={owned ? `${tenant.extensionLength} digits. ${owned}` : `${tenant.extensionLength} digits`}
          error={errors.number?.message}
          {...form.register('number')}
        />
        <TextField label="Display name" hint={owned} error={errors.displayName?.message} {...form.register('displayName')} />
        <TextField label="E-mail" type="email" hint={owned} error={errors.email?.message} {...form.register('email')} />
        <TextField
          label="Voicemail PIN"
          inputMode="numeric"
          autoComplete="off"
          hint={editing ? (extension.hasVoicemail ? 'Has a mailbox; leave empty to keep its PIN.' : 'Set a PIN to create a mailbox.') : 'Leave empty for no mailbox.'}
          error={errors.voicemailPin?.message}
          {...form.register('voicemailPin')}
        />
        {!editing && (
          <TextField
            label="SIP password"
            type="text"
            autoComplete="new-password"
            hint="Leave empty to generate a strong one (recommended)."
            error={errors.secret?.message}
            {...form.register('secret')}
          />
        )}
        <TextField label="Devices at once" type="number" min={1} max={10} error={errors.maxContacts?.message} {...form.register('maxContacts', { valueAsNumber: true })} />
        <SelectField
          label="Caller ID on outside calls"
          hint={main ? 'Sent in E.164 on external and emergency calls; the display name stays.' : 'The tenant has no inbound number yet: outside calls are refused until one is added.'}
          error={errors.callerId?.message}
          {...form.register('callerId')}
        >
          <option value="">{main ? `Tenant main number (${main.e164})` : 'Tenant main number (none yet)'}</option>
          {callerIds.map((d) => (
            <option key={d.id} value={d.e164}>
              {d.e164}
              {d.label ? ` · ${d.label}` : ''}
              {d.isMain ? ' · kept if the main number changes' : ''}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="space-y-2">
        <CheckboxField label="External calls allowed" hint="Emergency numbers are always allowed." {...form.register('allowExternal')} />
        <CheckboxField label="Active" hint="An inactive extension cannot register or call." {...form.register('active')} />
      </div>
      <Button type="submit" pending={isSubmitting}>
        {editing ? 'Save extension' : 'Create extension'}
      </Button>
    </Form>
  );
}
