import { Pill } from '@/components/ui/badges';

// One colour per method, so a list of operations can be scanned by what they do.
const METHOD_TONES: Record<string, string> = {
  GET: 'bg-sky-100 text-sky-800 ring-sky-600/20',
  POST: 'bg-green-100 text-green-800 ring-green-600/20',
  PUT: 'bg-amber-100 text-amber-800 ring-amber-600/20',
  PATCH: 'bg-amber-100 text-amber-800 ring-amber-600/20',
  DELETE: 'bg-red-100 text-red-800 ring-red-600/20',
};

export function MethodBadge({ method, size = 'md' }: { method: string; size?: 'sm' | 'md' }) {
  const sizes = { sm: 'mt-px w-12 text-[0.65rem] py-px', md: 'min-w-14 px-1.5 py-0.5 text-xs' };
  return (
    <span className={`inline-flex shrink-0 justify-center rounded font-mono font-bold ring-1 ring-inset ${sizes[size]} ${METHOD_TONES[method] ?? 'bg-slate-100 text-slate-700 ring-slate-500/20'}`}>
      {method}
    </span>
  );
}

export function DeprecatedBadge() {
  return <Pill tone="red">Deprecated</Pill>;
}

/** x-switchboard-access: which tokens may call the operation. */
export function AccessBadge({ access }: { access: 'read' | 'write' }) {
  return access === 'write' ? (
    <span title="Needs a token with write access; read-only tokens get 403">
      <Pill tone="amber">write access</Pill>
    </span>
  ) : (
    <span title="Any token may call it, read-only ones too">
      <Pill tone="green">read access</Pill>
    </span>
  );
}

/** The path with its {parameters} picked out. */
export function PathText({ path }: { path: string }) {
  return (
    <span className="break-all font-mono">
      {path.split(/(\{[^}]+\})/).map((part, i) => (i % 2 ? <span key={i} className="text-indigo-600">{part}</span> : part))}
    </span>
  );
}
