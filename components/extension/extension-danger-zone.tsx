'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { changeSecretAction, deleteExtensionAction } from '@/app/(portal)/tenants/[slug]/extensions/actions';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { SecretOnce } from '@/components/ui/secret-once';
import { useToast } from '@/components/ui/toast';

export function ExtensionDangerZone({ id, number, tenantSlug }: { id: string; number: string; tenantSlug: string }) {
  const router = useRouter();
  const toast = useToast();
  const [secret, setSecret] = useState<string>();
  return (
    <div className="space-y-4">
      {secret && <SecretOnce label={`New SIP password of ${number}`} secret={secret} />}
      <div className="flex flex-wrap gap-2">
        <ConfirmButton
          label="Reset SIP password"
          variant="secondary"
          title={`Reset the SIP password of ${number}?`}
          confirmLabel="Reset password"
          onConfirm={async () => {
            const res = await changeSecretAction(id);
            if (!res.ok) return toast(res.message, 'error');
            setSecret(res.data.secret);
            toast('New SIP password set: the phone needs it at its next registration');
          }}
        >
          <p>The phone keeps working until it registers again, then it needs the new password.</p>
        </ConfirmButton>
        <ConfirmButton
          label="Delete extension"
          title={`Delete extension ${number}?`}
          confirmLabel="Delete"
          onConfirm={async () => {
            const res = await deleteExtensionAction(id);
            if (!res.ok) return toast(res.message, 'error');
            toast(`Extension ${number} deleted`);
            router.push(`/tenants/${tenantSlug}`);
            router.refresh();
          }}
        >
          <p>Its phone account, mailbox and registrations are removed at once. This cannot be undone.</p>
        </ConfirmButton>
      </div>
    </div>
  );
}
