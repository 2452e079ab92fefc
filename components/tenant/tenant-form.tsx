'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { createTenantAction, updateTenantAction } from '@/app/(portal)/tenants/actions';
import { Button } from '@/components/ui/button';
import { Form } from '@/components/ui/form';
import { CheckboxField, FormError, SelectField, TextField } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { SecretList } from '@/components/tenant/secret-list';
import { REGIONS } from '@/lib/domain/phone/regions';
import { tenantCreateInput, tenantUpdateInput, type TenantCreateInput } from '@/lib/domain/tenant/schemas';
import { applyServerErrors } from '@/components/ui/server-errors';

type Existing = TenantCreateInput & { id: string; extensionCount: number };

/** `canSetStatus`: a platform admin, who also decides trunk, premium rates, transport and storage. */
export function TenantForm({ tenant, canSetStatus }: { tenant?: Existing; canSetStatus: boolean }) {
  const operatorOnly = { disabled: !canSetStatus };
  const operatorHint = canSetStatus ? undefined : 'Set by your platform admin.';
  const router = useRouter();
  const toast = useToast();
  const [error, setError] = useState<string>();
  const [secrets, setSecrets] = useState<{ number: string; secret: string }[] | null>(null);
  const editing = !!tenant;
  const form = useForm<TenantCreateInput & { rotateSecrets?: boolean }>({
    resolver: zodResolver((editing ? tenantUpdateInput : tenantCreateInput) as typeof tenantCreateInput),
    defaultValues: tenant ?? { extensionLength: 4, codecs: 'g722,ulaw,alaw', secretStorage: 'md5', defaultCountry: 'US', allowPremium: false, status: 'active' },
  });
  const { errors, isSubmitting } = form.formState;
  const domain = form.watch('sipDomain');
  const storage = form.watch('secretStorage');
  const needsRotation =
    editing && tenant.extensionCount > 0 && (storage !== tenant.secretStorage || (domain?.toLowerCase().trim() !== tenant.sipDomain && storage !== 'plaintext'));

  if (secrets)
    return (
      <div className="space-y-4">
        <SecretList secrets={secrets} domain={domain} />
        <Button type="button" onClick={() => router.push(`/tenants/${tenant!.slug}`)}>
          Done: I have stored the new secrets
        </Button>
      </div>
    );

  return (
    <Form
      className="max-w-2xl space-y-5"
      onSubmit={form.handleSubmit(async (values) => {
        setError(undefined);
        const { slug: _slug, ...patch } = values;
        const res = editing ? await updateTenantAction(tenant.id, patch) : await createTenantAction(values);
        if (!res.ok) return setError(applyServerErrors(form, res));
        toast(editing ? 'Tenant saved' : 'Tenant created');
        const data = res.data as { slug: string; secrets?: { number: string; secret: string }[] | null };
        if (data.secrets?.length) return setSecrets(data.secrets);
        router.push(`/tenants/${data.slug}`);
        router.refresh();
      })}
    >
      <FormError message={error} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" error={errors.name?.message} {...form.register('name')} />
        <TextField
          label="Slug"
          disabled={editing}
          hint="Names the dialplan context (tenant-<slug>) and the URLs; it cannot change later."
          error={errors.slug?.message}
          {...form.register('slug')}
        />
        <TextField label="SIP domain" hint="Phones register at this domain; it is also the digest realm." error={errors.sipDomain?.message} {...form.register('sipDomain')} />
        <SelectField label="Country" hint="Numbers dialled and DIDs are read as in this country." error={errors.defaultCountry?.message} {...form.register('defaultCountry')}>
          {REGIONS.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Extension length"
          type="number"
          min={2}
          max={8}
          disabled={editing && tenant.extensionCount > 0}
          error={errors.extensionLength?.message}
          {...form.register('extensionLength', { valueAsNumber: true })}
        />
        <TextField label="Outbound trunk" hint={operatorHint ?? 'PJSIP endpoint external calls leave through.'} error={errors.outboundTrunk?.message} {...form.register('outboundTrunk', operatorOnly)} />
        <TextField label="Codecs" hint="In order of preference, e.g. g722,ulaw,alaw,opus" error={errors.codecs?.message} {...form.register('codecs')} />
        <TextField label="Transport" hint={operatorHint ?? 'A transport name from pjsip.conf; empty lets Asterisk choose.'} error={errors.transport?.message} {...form.register('transport', operatorOnly)} />
        <SelectField label="SIP secret storage" hint={operatorHint} error={errors.secretStorage?.message} {...form.register('secretStorage', operatorOnly)}>
          <option value="md5">MD5 digest (no plaintext)</option>
          <option value="md5_sha256">MD5 + SHA-256 digests, SHA-256 challenged first (Asterisk 22.2+)</option>
          <option value="md5_then_sha256">MD5 + SHA-256 digests, MD5 challenged first (Asterisk 22.2+)</option>
          <option value="plaintext">Plaintext (only if phones need it)</option>
        </SelectField>
        {storage === 'md5_sha256' && (
          <p role="note" className="text-xs text-amber-800">
            Asterisk then challenges with SHA-256 first and MD5 second. A phone that reads only the first challenge and knows only MD5
            cannot register (SIPp 3.6 cannot): choose &ldquo;MD5 challenged first&rdquo; for such phones (switching between
            the two keeps every secret).
          </p>
        )}
        {canSetStatus && (
          <SelectField label="Status" error={errors.status?.message} {...form.register('status')}>
            <option value="active">Active</option>
            <option value="suspended">Suspended (calls are refused)</option>
          </SelectField>
        )}
      </div>
      <CheckboxField label="Allow premium-rate numbers" hint={operatorHint} {...form.register('allowPremium', operatorOnly)} />
      {needsRotation && (
        <div role="alert" className="space-y-2 rounded-md bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
          <p>
            Stored SIP digests include the domain (the realm). Saving this change makes the secrets of all {tenant.extensionCount}{' '}
            extensions invalid: Switchboard will generate new ones and show them once. Every phone must be given its new secret.
          </p>
          <CheckboxField label="Generate new SIP secrets for all extensions" {...form.register('rotateSecrets')} />
          {errors.rotateSecrets?.message && <p className="text-red-600">{errors.rotateSecrets.message}</p>}
        </div>
      )}
      <Button type="submit" pending={isSubmitting}>
        {editing ? 'Save tenant' : 'Create tenant'}
      </Button>
    </Form>
  );
}
