import type { ApiDoc, Schema } from './document';
import { fieldRows } from './field-rows';
import { InlineText } from './prose';
import { RequiredMark, TypeCell } from './type-cell';

// Tailwind must see each class whole, so the depths have a class each rather than a computed one.
const INDENT = ['pl-3', 'pl-8', 'pl-13', 'pl-18', 'pl-23', 'pl-28'];
const indent = (depth: number) => INDENT[Math.min(depth, INDENT.length - 1)];

/**
 * The fields of a body as one table, nested fields indented under their parent. In a request the
 * required ones are marked; in a response every field is always there, so only exceptions are.
 */
export function FieldTable({ doc, schema, mode }: { doc: ApiDoc; schema: Schema; mode: 'request' | 'response' }) {
  const rows = fieldRows(doc, schema);
  if (!rows.length) return <p className="text-sm text-slate-600">No fields.</p>;
  return (
    <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
      <table className="min-w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">Field</th>
            <th scope="col" className="px-3 py-2">Type</th>
            <th scope="col" className="px-3 py-2">Description</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) =>
            row.kind === 'label' ? (
              <tr key={row.key} className="bg-slate-50/70">
                <td colSpan={3} className={`${indent(row.depth)} py-1.5 pr-3 text-xs font-semibold text-slate-600`}>
                  {row.label}
                  {row.code && <code className="ml-1 font-mono text-slate-800">{row.code}</code>}
                </td>
              </tr>
            ) : (
              <tr key={row.key} className="align-top">
                <td className={`${indent(row.depth)} py-2 pr-3`}>
                  <span className={`font-mono text-[0.8rem] font-semibold text-slate-900 ${row.depth ? 'border-l-2 border-slate-200 pl-2' : ''}`}>{row.name}</span>
                  {(mode === 'request' ? true : !row.required) && (
                    <span className={`block ${row.depth ? 'pl-2.5' : ''}`}>
                      <RequiredMark required={row.required} />
                    </span>
                  )}
                </td>
                <td className="min-w-40 px-3 py-2">
                  <TypeCell {...row} />
                </td>
                <td className="min-w-56 max-w-md px-3 py-2 text-slate-700">{row.description && <InlineText text={row.description} />}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
