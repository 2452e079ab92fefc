'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import type { StartRunAction } from './directory-actions';

/**
 * Queues a run and shows the directory page again, which then follows the run until it ends.
 * `directoryHref`: from a run's own report, go to where the new run shows.
 */
function useStart(start: StartRunAction, directoryHref?: string) {
  const router = useRouter();
  const toast = useToast();
  const [pending, setPending] = useState<string | null>(null);
  const run = async (key: string, mode: 'preview' | 'sync', confirmed?: boolean) => {
    setPending(key);
    try {
      const res = await start(mode, confirmed);
      if (!res.ok) return toast(res.message, 'error');
      toast(mode === 'preview' ? 'Preview started' : 'Sync started');
      if (directoryHref && window.location.pathname !== directoryHref) router.push(directoryHref);
      else router.refresh();
    } finally {
      setPending(null);
    }
  };
  return { pending, run };
}

/** `busy`: a run of this directory is waiting or running; the page follows it, and the next starts after it. */
export function RunButtons({ start, busy }: { start: StartRunAction; busy: boolean }) {
  const { pending, run } = useStart(start);
  return (
    <div className="flex flex-wrap gap-2">
      <Button type="button" variant="secondary" pending={pending === 'preview'} disabled={busy || !!pending} onClick={() => run('preview', 'preview')}>
        Preview
      </Button>
      <Button type="button" pending={pending === 'sync'} disabled={busy || !!pending} onClick={() => run('sync', 'sync')}>
        Sync now
      </Button>
    </div>
  );
}

/** After a run stopped at the safety limit: the admin has seen its plan and goes past the limit. */
export function ConfirmSyncButton({ start, directoryHref }: { start: StartRunAction; directoryHref: string }) {
  const { pending, run } = useStart(start, directoryHref);
  return (
    <Button type="button" variant="danger" pending={!!pending} onClick={() => run('confirm', 'sync', true)}>
      Confirm and sync
    </Button>
  );
}
