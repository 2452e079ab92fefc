'use client';
import { Button } from '@/components/ui/button';
import { SecretOnce } from '@/components/ui/secret-once';

/** A token just created: its only appearance, with a request to try it with. */
export function NewTokenPanel({ name, token, curl, onDone }: { name: string; token: string; curl: string; onDone: () => void }) {
  return (
    <div className="space-y-3">
      <SecretOnce
        label={`API token "${name}"`}
        secret={token}
        note="It is shown this once and will not be shown again: store it with the integration's secrets now. If it is lost, revoke it and create another."
      />
      <div className="space-y-1">
        <p className="text-sm font-medium text-slate-800">Try it:</p>
        <pre data-testid="curl-example" className="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">
          {curl}
        </pre>
      </div>
      <Button type="button" variant="secondary" onClick={onDone}>
        Done: I have stored the token
      </Button>
    </div>
  );
}
