'use client';
import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { Button } from '@/components/ui/button';
import { FormError, TextField } from '@/components/ui/field';
import { signInInput } from '@/lib/domain/admin/schemas';

export function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const [error, setError] = useState<string>();
  const form = useForm<z.input<typeof signInInput>>({ resolver: zodResolver(signInInput) });
  const { errors, isSubmitting } = form.formState;

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit(async (values) => {
        setError(undefined);
        const res = await signIn('credentials', { ...values, redirect: false });
        if (!res || res.error) {
          setError(res?.error && res.error !== 'CredentialsSignin' ? res.error : 'Wrong e-mail or password.');
          return;
        }
        const next = params.get('callbackUrl');
        router.replace(next?.startsWith('/') ? next : '/');
        router.refresh();
      })}
    >
      <FormError message={error} />
      <TextField label="E-mail" type="email" autoComplete="username" autoFocus error={errors.email?.message} {...form.register('email')} />
      <TextField label="Password" type="password" autoComplete="current-password" error={errors.password?.message} {...form.register('password')} />
      <Button type="submit" pending={isSubmitting} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
