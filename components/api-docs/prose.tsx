import type { ReactNode } from 'react';

export const codeClass = 'rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] text-slate-800';

/** Text with `backticks` shown as code, the way the document's descriptions are written. */
export function InlineText({ text }: { text: string }) {
  const parts = text.split(/`([^`]+)`/);
  return <>{parts.map((part, i) => (i % 2 ? <code key={i} className={codeClass}>{part}</code> : part))}</>;
}

/** One paragraph per line of the text: the document separates its paragraphs with newlines. */
export function Paragraphs({ text, className = '' }: { text: string; className?: string }) {
  const paragraphs = text.split('\n').map((p) => p.trim()).filter(Boolean);
  return (
    <div className={`space-y-2 ${className}`}>
      {paragraphs.map((p, i) => (
        <p key={i}>
          <InlineText text={p} />
        </p>
      ))}
    </div>
  );
}

export function Code({ children }: { children: ReactNode }) {
  return <code className={codeClass}>{children}</code>;
}

/** A block of code or a shell command; scrolls sideways rather than wrapping a command. */
export function CodeBlock({ children, label }: { children: string; label?: string }) {
  return (
    <figure className="overflow-hidden rounded-lg bg-slate-900 shadow-sm">
      {label && <figcaption className="border-b border-slate-700 px-4 py-1.5 text-xs font-medium text-slate-400">{label}</figcaption>}
      <pre className="overflow-x-auto px-4 py-3 font-mono text-[0.8rem] leading-relaxed text-slate-100">
        <code>{children}</code>
      </pre>
    </figure>
  );
}
