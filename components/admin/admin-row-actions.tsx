'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { resetAdminPasswordAction, updateAdminAction } from '@/app/(portal)/admins/actions';
import { Button } from '@/components/ui/button';
import { SecretOnce } from '@/components/ui/secret-once';
import { useToast } from '@/components/ui/toast';

export function AdminRowActions({ id, email, disabled }: { id: string; email: string; disabled: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [password, setPassword] = useState<string>();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        type="button"
        variant={disabled ? 'secondary' : 'danger'}
        onClick={async () => {
          const res = await updateAdminAction(id, { disabled: !disabled });
          if (!res.ok) return toast(res.message, 'error');
          toast(`${email} ${disabled ? 'enabled' : 'disabled'}`);
          router.refresh();
        }}
      >
        {disabled ? 'Enable' : 'Disable'}
      </Button>
      <Button
        type="button"
        variant="secondary"
        onClick={async () => {
          const res = await resetAdminPasswordAction(id);
          if (!res.ok) return toast(res.message, 'error');
          setPassword(res.data.password);
        }}
      >
        Reset password
      </Button>
      {password && <SecretOnce label={`New password of ${email}`} secret={password} note="Shown once." />}
    </div>
  );
}
