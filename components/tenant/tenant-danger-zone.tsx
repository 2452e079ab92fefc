'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { deleteTenantAction } from '@/app/(portal)/tenants/actions';
import { CheckboxField } from '@/components/ui/field';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { useToast } from '@/components/ui/toast';

export function TenantDangerZone({ id, name, extensionCount }: { id: string; name: string; extensionCount: number }) {
  const router = useRouter();
  const toast = useToast();
  const [withExtensions, setWithExtensions] = useState(false);
  return (
    <ConfirmButton
      label="Delete tenant"
      title={`Delete ${name}?`}
      confirmLabel="Delete tenant"
      onConfirm={async () => {
        const res = await deleteTenantAction(id, withExtensions);
        if (!res.ok) return toast(res.message, 'error');
        toast(`${name} deleted`);
        router.push('/tenants');
        router.refresh();
      }}
    >
      {extensionCount > 0 ? (
        <>
          <p>
            {name} still has {extensionCount} extensions. Deleting it removes their phone accounts, mailboxes, registrations and DIDs.
          </p>
          <CheckboxField label={`Also delete its ${extensionCount} extensions`} checked={withExtensions} onChange={(e) => setWithExtensions(e.target.checked)} />
        </>
      ) : (
        <p>The tenant has no extensions. Its DIDs and admins go with it.</p>
      )}
    </ConfirmButton>
  );
}
