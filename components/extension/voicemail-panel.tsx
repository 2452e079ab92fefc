'use client';
import { useState } from 'react';
import { resetVoicemailPinAction } from '@/app/(portal)/tenants/[slug]/extensions/actions';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { SecretOnce } from '@/components/ui/secret-once';
import { useToast } from '@/components/ui/toast';
import type { MailboxCounts } from '@/lib/domain/extension/mailbox-counts';

/** The mailbox's message counts (from Asterisk) and, for writers, a PIN reset shown once. */
export function VoicemailPanel({ id, number, counts, canWrite }: { id: string; number: string; counts: MailboxCounts; canWrite: boolean }) {
  const toast = useToast();
  const [pin, setPin] = useState<string>();
  if (!counts.mailbox) return <p className="text-sm text-slate-600">No mailbox: set a voicemail PIN to create one.</p>;
  return (
    <div className="space-y-3 text-sm">
      <dl className="space-y-1">
        <div><dt className="inline text-slate-500">Mailbox: </dt><dd className="inline font-mono">{counts.mailbox}</dd></div>
        {counts.known ? (
          <>
            <div><dt className="inline text-slate-500">New messages: </dt><dd className="inline" data-testid="vm-new">{counts.newMessages}</dd></div>
            <div><dt className="inline text-slate-500">Old messages: </dt><dd className="inline" data-testid="vm-old">{counts.oldMessages}</dd></div>
          </>
        ) : (
          <div><dt className="inline text-slate-500">Messages: </dt><dd className="inline" data-testid="vm-unknown">unknown (Asterisk is not reachable)</dd></div>
        )}
      </dl>
      <p className="text-xs text-slate-600">From the phone: dial *97 and enter the PIN.</p>
      {pin && <SecretOnce label={`New voicemail PIN of ${number}`} secret={pin} note="It is shown this once and cannot be displayed again. Give it to the mailbox owner." />}
      {canWrite && (
        <ConfirmButton
          label="Reset voicemail PIN"
          variant="secondary"
          title={`Reset the voicemail PIN of ${number}?`}
          confirmLabel="Reset PIN"
          onConfirm={async () => {
            const res = await resetVoicemailPinAction(id);
            if (!res.ok) return toast(res.message, 'error');
            setPin(res.data.pin);
            toast('New voicemail PIN set');
          }}
        >
          <p>The old PIN stops working at once. Messages are kept.</p>
        </ConfirmButton>
      )}
    </div>
  );
}
