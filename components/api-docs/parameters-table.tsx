import type { ApiDoc, Parameter } from './document';
import { InlineText } from './prose';
import { describe } from './schema';
import { RequiredMark, TypeCell } from './type-cell';

const IN_ORDER = { path: 0, query: 1, header: 2 } as const;

export function ParametersTable({ doc, parameters }: { doc: ApiDoc; parameters: Parameter[] }) {
  const sorted = [...parameters].sort((a, b) => IN_ORDER[a.in] - IN_ORDER[b.in]);
  return (
    <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
      <table className="min-w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">Name</th>
            <th scope="col" className="px-3 py-2">In</th>
            <th scope="col" className="px-3 py-2">Required</th>
            <th scope="col" className="px-3 py-2">Type</th>
            <th scope="col" className="px-3 py-2">Description</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sorted.map((p) => {
            const d = describe(doc, p.schema);
            return (
              <tr key={`${p.in}:${p.name}`} className="align-top">
                <td className="px-3 py-2 font-mono text-[0.8rem] font-semibold text-slate-900">{p.name}</td>
                <td className="whitespace-nowrap px-3 py-2 text-xs text-slate-600">{p.in}</td>
                <td className="whitespace-nowrap px-3 py-2">
                  <RequiredMark required={!!p.required} />
                </td>
                <td className="min-w-40 px-3 py-2">
                  <TypeCell {...d} />
                </td>
                <td className="min-w-56 max-w-md px-3 py-2 text-slate-700">{(p.description ?? d.description) && <InlineText text={p.description ?? d.description!} />}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
