'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { createAdminAction } from '@/app/(portal)/admins/actions';
import { applyServerErrors } from '@/components/ui/server-errors';
import { Button } from '@/components/ui/button';
import { Form } from '@/components/ui/form';
import { FormError, SelectField, TextField } from '@/components/ui/field';
import { SecretOnce } from '@/components/ui/secret-once';
import { useToast } from '@/components/ui/toast';
import { adminCreateInput, type AdminCreateInput } from '@/lib/domain/admin/schemas';

export function AdminCreateForm({ tenants }: { tenants: { id: string; name: string }[] }) {
  const router = useRouter();
  const toast = useToast();
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const form = useForm<AdminCreateInput>({ resolver: zodResolver(adminCreateInput), defaultValues: { role: 'tenant_admin' } });
  const { errors, isSubmitting } = form.formState;
  const role = form.watch('role');
  return (
    <div className="space-y-4">
      {created && <SecretOnce label={`Password of ${created.email}`} secret={created.password} note="Shown once. Hand it over securely; the admin can sign in with it now." />}
      <Form
        className="grid items-start gap-3 sm:grid-cols-2 lg:grid-cols-5"
        onSubmit={form.handleSubmit(async (values) => {
          setError(undefined);
          const res = await createAdminAction(values);
          if (!res.ok) return setError(applyServerErrors(form, res));
          toast(`${res.data.email} created`);
          if (res.data.password) setCreated({ email: res.data.email, password: res.data.password });
          form.reset({ role: values.role, tenantId: values.tenantId, email: '', name: '', password: '' });
          router.refresh();
        })}
      >
        <div className="sm:col-span-2 lg:col-span-5">
          <FormError message={error} />
        </div>
        <TextField label="E-mail" type="email" error={errors.email?.message} {...form.register('email')} />
        <TextField label="Name" error={errors.name?.message} {...form.register('name')} />
        <SelectField label="Role" error={errors.role?.message} {...form.register('role')}>
          <option value="platform_admin">Platform admin</option>
          <option value="tenant_admin">Tenant admin</option>
          <option value="viewer">Viewer</option>
        </SelectField>
        <SelectField label="Tenant" disabled={role === 'platform_admin'} error={errors.tenantId?.message} {...form.register('tenantId')}>
          <option value="">{role === 'viewer' ? 'All tenants (read-only)' : '—'}</option>
          {tenants.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </SelectField>
        <div className="pt-6">
          <Button type="submit" pending={isSubmitting}>Create admin</Button>
        </div>
      </Form>
      <p className="text-xs text-slate-500">A strong password is generated and shown once.</p>
    </div>
  );
}
