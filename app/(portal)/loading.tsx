/** Shown while a page's server data loads; same outline as the pages, so nothing jumps. */
export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading" className="animate-pulse space-y-4">
      <div className="h-8 w-64 rounded bg-slate-200" />
      <div className="h-4 w-96 max-w-full rounded bg-slate-200" />
      <div className="h-64 rounded-lg bg-white ring-1 ring-slate-200" />
    </div>
  );
}
