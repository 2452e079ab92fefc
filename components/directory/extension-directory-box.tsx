import Link from 'next/link';
import { AdBadge, Pill } from '@/components/ui/badges';
import { day, when } from './run-view';

export type SyncedExtension = {
  adUsername: string | null;
  directoryId: string | null;
  directoryState: string | null;
  directorySyncedAt: Date | null;
  directoryRemovalDueAt: Date | null;
};

/** Where a synced extension's user stands in the directory, and what the next syncs will do. */
function State({ ext }: { ext: SyncedExtension }) {
  const removal = ext.directoryRemovalDueAt ? ` — removal on ${day.format(ext.directoryRemovalDueAt)}` : '';
  switch (ext.directoryState) {
    case 'active':
      return <Pill tone="green">active</Pill>;
    case 'disabled':
      return <Pill tone="amber">disabled in directory{removal}</Pill>;
    case 'missing':
      return <Pill tone="red">not in directory{removal}</Pill>;
    default:
      return <Pill tone="slate">not synced yet</Pill>;
  }
}

export function ExtensionDirectoryBox({ ext, slug }: { ext: SyncedExtension; slug: string }) {
  return (
    <div role="region" aria-labelledby="directory" className="space-y-2">
      <h2 id="directory" className="flex items-center gap-2 pt-3 font-semibold">
        Directory <AdBadge username={ext.adUsername} />
      </h2>
      <dl className="space-y-1 text-sm">
        <div><dt className="inline text-slate-500">Directory user: </dt><dd className="inline font-mono">{ext.adUsername ?? '—'}</dd></div>
        <div><dt className="inline text-slate-500">Directory id: </dt><dd className="inline font-mono text-xs break-all">{ext.directoryId ?? '—'}</dd></div>
        <div><dt className="inline text-slate-500">Last sync: </dt><dd className="inline">{ext.directorySyncedAt ? `${when.format(ext.directorySyncedAt)} UTC` : 'never'}</dd></div>
        <div><dt className="inline text-slate-500">State: </dt><dd className="inline" data-testid="directory-state"><State ext={ext} /></dd></div>
      </dl>
      <p className="text-xs text-slate-500">
        Name, e-mail and number come from the{' '}
        <Link href={`/tenants/${slug}/directory`} className="text-indigo-600 hover:underline">directory</Link>; the next sync restores them if they are changed here.
      </p>
    </div>
  );
}
