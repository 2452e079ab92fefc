'use client';
import { useState } from 'react';
import { revealPendingSecretAction } from '@/app/(portal)/tenants/[slug]/extensions/actions';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { SecretOnce } from '@/components/ui/secret-once';
import { useToast } from '@/components/ui/toast';

/**
 * The SIP password the directory sync generated: nobody has seen it, so it waits (sealed) for one
 * admin to reveal it, once. Mounted for every synced extension, so the page's own refreshes (which
 * then find nothing pending) do not take away a secret being shown.
 */
export function PendingSecretReveal({ id, number, pending }: { id: string; number: string; pending: boolean }) {
  const toast = useToast();
  const [secret, setSecret] = useState<string>();
  if (!secret && !pending) return null;
  if (secret) return <SecretOnce label={`SIP password of ${number}`} secret={secret} note="Shown once: it is no longer stored in a form that can be shown. Reset it if it gets lost." />;
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      <span>The directory sync generated this phone&apos;s SIP password; nobody has seen it yet.</span>
      <ConfirmButton
        label="Reveal SIP password"
        variant="secondary"
        title={`Reveal the SIP password of ${number}?`}
        confirmLabel="Reveal once"
        onConfirm={async () => {
          const res = await revealPendingSecretAction(id);
          if (!res.ok) return toast(res.message, 'error');
          setSecret(res.data.secret);
        }}
      >
        <p>It is shown this one time, to you, and then no longer kept. Reset it instead if you need a new one.</p>
      </ConfirmButton>
    </div>
  );
}
