'use client';
import { useRouter } from 'next/navigation';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { useToast } from '@/components/ui/toast';
import type { RevokeTokenAction } from './token-actions';

export function TokenRevokeButton({ id, name, revoke }: { id: string; name: string; revoke: RevokeTokenAction }) {
  const router = useRouter();
  const toast = useToast();
  return (
    <ConfirmButton
      label="Revoke"
      title={`Revoke the token ${name}?`}
      confirmLabel="Revoke token"
      onConfirm={async () => {
        const res = await revoke(id);
        if (!res.ok) return toast(res.message, 'error');
        toast(`Token ${res.data.name} revoked`);
        router.refresh();
      }}
    >
      <p>Its next request is refused. Whatever uses it stops working until it is given a new token. This cannot be undone.</p>
    </ConfirmButton>
  );
}
