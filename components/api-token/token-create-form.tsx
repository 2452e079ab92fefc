'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { applyServerErrors } from '@/components/ui/server-errors';
import { Button } from '@/components/ui/button';
import { Form } from '@/components/ui/form';
import { FormError, SelectField, TextField } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { tokenCreateInput, type TokenCreateInput } from '@/lib/domain/api-token/schemas';
import { NewTokenPanel } from './new-token-panel';
import { ACCESS_LABEL, type CreateTokenAction } from './token-actions';

const EXPIRY = [
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In 365 days' },
  { value: '', label: 'Never' },
];
// Least privilege and a finite life unless someone chooses otherwise.
const DEFAULTS: TokenCreateInput = { name: '', access: 'read', expiresInDays: '90', rateLimitPerMinute: '' };

/** `apiPath`: a request this token may make, for the example shown with the new token. */
export function TokenCreateForm({ create, apiPath }: { create: CreateTokenAction; apiPath: string }) {
  const router = useRouter();
  const toast = useToast();
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<{ name: string; token: string; curl: string } | null>(null);
  const form = useForm<TokenCreateInput>({ resolver: zodResolver(tokenCreateInput), defaultValues: DEFAULTS });
  const { errors, isSubmitting } = form.formState;
  return (
    <div className="space-y-4">
      {created && <NewTokenPanel {...created} onDone={() => setCreated(null)} />}
      <Form
        className="grid items-start gap-3 sm:grid-cols-2 lg:grid-cols-5"
        onSubmit={form.handleSubmit(async (values) => {
          setError(undefined);
          const res = await create(values);
          if (!res.ok) return setError(applyServerErrors(form, res));
          const { token, name } = res.data;
          toast(`Token ${name} created`);
          setCreated({ name, token, curl: `curl -H "Authorization: Bearer ${token}" ${window.location.origin}${apiPath}` });
          form.reset(DEFAULTS);
          router.refresh();
        })}
      >
        <div className="sm:col-span-2 lg:col-span-5">
          <FormError message={error} />
        </div>
        <TextField label="Name" autoComplete="off" hint="What uses it, e.g. billing." error={errors.name?.message} {...form.register('name')} />
        <SelectField label="Access" error={errors.access?.message} {...form.register('access')}>
          <option value="read">{ACCESS_LABEL.read}</option>
          <option value="write">{ACCESS_LABEL.write}</option>
        </SelectField>
        <SelectField label="Expires" error={errors.expiresInDays?.message} {...form.register('expiresInDays')}>
          {EXPIRY.map((e) => (
            <option key={e.value} value={e.value}>
              {e.label}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Rate limit per minute"
          type="number"
          inputMode="numeric"
          min={1}
          hint="Empty: the platform default."
          error={errors.rateLimitPerMinute?.message}
          {...form.register('rateLimitPerMinute')}
        />
        <div className="pt-6">
          <Button type="submit" pending={isSubmitting}>
            Create token
          </Button>
        </div>
      </Form>
    </div>
  );
}
