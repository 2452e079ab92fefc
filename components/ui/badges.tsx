export function AdBadge({ username }: { username: string | null }) {
  return (
    <span
      title={username ? `Synced from the directory as ${username}` : 'Synced from the directory'}
      aria-label={username ? `Active Directory: ${username}` : 'Active Directory'}
      className="inline-flex items-center rounded bg-green-600 px-1.5 py-0.5 text-xs font-bold text-white"
    >
      AD
    </span>
  );
}

export function Pill({ tone, children }: { tone: 'green' | 'slate' | 'amber' | 'red'; children: React.ReactNode }) {
  const tones = {
    green: 'bg-green-50 text-green-700 ring-green-600/20',
    slate: 'bg-slate-50 text-slate-600 ring-slate-500/20',
    amber: 'bg-amber-50 text-amber-800 ring-amber-600/20',
    red: 'bg-red-50 text-red-700 ring-red-600/20',
  };
  return <span className={`inline-flex items-center gap-1 rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}>{children}</span>;
}
