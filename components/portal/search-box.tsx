/**
 * A plain GET form: the search lives in the URL, works without JavaScript and survives reloads.
 * The one kind of form that may use GET, since it carries nothing secret; every other form posts.
 */
export function SearchBox({ placeholder, defaultValue, hidden = {} }: { placeholder: string; defaultValue?: string; hidden?: Record<string, string | undefined> }) {
  return (
    <form role="search" method="get" className="flex max-w-md gap-2">
      {Object.entries(hidden).map(([k, v]) => v && <input key={k} type="hidden" name={k} value={v} />)}
      <label htmlFor="search" className="sr-only">
        Search
      </label>
      <input
        id="search"
        name="q"
        type="search"
        defaultValue={defaultValue}
        placeholder={placeholder}
        className="block w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600"
      />
      <button type="submit" className="rounded-md bg-white px-3 py-2 text-sm font-semibold ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
        Search
      </button>
    </form>
  );
}
