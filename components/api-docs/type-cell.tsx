import type { Note } from './schema';

/** The type column: the type, "| null" and the format, then each rule on a line of its own. */
export function TypeCell({ type, nullable, format, notes }: { type: string; nullable: boolean; format?: string; notes: Note[] }) {
  return (
    <>
      <span className="font-mono text-xs text-slate-800">
        {type}
        {nullable && <span className="text-slate-500"> | null</span>}
      </span>
      {format && <span className="ml-1.5 rounded bg-indigo-50 px-1 py-px font-mono text-[0.7rem] text-indigo-700">{format}</span>}
      {notes.map((n, i) => (
        <span key={i} className="block text-xs text-slate-500">
          {n.label}
          {n.code && <code className="ml-1 break-words font-mono text-[0.7rem] text-slate-700">{n.code}</code>}
        </span>
      ))}
    </>
  );
}

/** The required column's words: plain, since a colour alone would not say it. */
export function RequiredMark({ required }: { required: boolean }) {
  return required ? <span className="text-xs font-semibold text-rose-700">required</span> : <span className="text-xs text-slate-400">optional</span>;
}
