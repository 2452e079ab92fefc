import { PROBLEMS, type ProblemKind } from '@/lib/api/problem';
import type { ApiDoc, OperationDoc, ResponseDoc } from './document';
import { problemAnchor } from './document';
import { FieldTable } from './field-table';
import { Code, InlineText } from './prose';

const byStatus = (a: [string, ResponseDoc], b: [string, ResponseDoc]) => Number(a[0]) - Number(b[0]);
// Every answer carries these; the rate-limit section explains them once, not every operation.
const isRateHeader = (name: string) => name.startsWith('RateLimit-');
const kindOf = (r: ResponseDoc) => r.$ref?.split('/').pop() as ProblemKind | undefined;

/** The answers an operation gives when it works: status, what it means, and the body's fields. */
export function SuccessResponses({ doc, op }: { doc: ApiDoc; op: OperationDoc }) {
  const success = Object.entries(op.responses).filter(([, r]) => !r.$ref).sort(byStatus);
  return (
    <ul className="space-y-3">
      {success.map(([status, r]) => {
        const schema = r.content?.['application/json']?.schema;
        const headers = Object.entries(r.headers ?? {}).filter(([name]) => !isRateHeader(name));
        return (
          <li key={status} className="text-sm">
            <p>
              <span className="mr-2 rounded bg-green-50 px-1.5 py-0.5 font-mono text-xs font-semibold text-green-800 ring-1 ring-inset ring-green-600/20">{status}</span>
              {r.description && <InlineText text={r.description} />}
              {!schema && <span className="text-slate-500"> No body.</span>}
            </p>
            {headers.map(([name, h]) => (
              <p key={name} className="mt-1 text-slate-600">
                Header <Code>{name}</Code>: {h.description}
              </p>
            ))}
            {schema && (
              <details className="group mt-2">
                <summary className="inline-flex cursor-pointer list-none items-center gap-1 text-sm font-medium text-indigo-600 hover:underline [&::-webkit-details-marker]:hidden">
                  <span aria-hidden className="inline-block transition-transform group-open:rotate-90">▸</span>
                  Response fields
                </summary>
                <div className="mt-2">
                  <FieldTable doc={doc} schema={schema} mode="response" />
                </div>
              </details>
            )}
          </li>
        );
      })}
    </ul>
  );
}

const BODY_KINDS: ProblemKind[] = ['malformed-json', 'payload-too-large', 'unsupported-media-type'];

/** Whether a kind can happen to this operation at all: body and key problems need a body and a key. */
function canHappen(kind: ProblemKind, op: OperationDoc): boolean {
  if (BODY_KINDS.includes(kind)) return !!op.requestBody;
  if (kind.startsWith('idempotency-')) return !!op.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key');
  return true;
}

/**
 * The problem statuses, each linked to its kind below. The document names one kind per status
 * (its responses are keyed by status); the other kinds of that status that can happen here are
 * listed too, so a 409 shows both "request in progress" and "conflict".
 */
export function ErrorStatuses({ op }: { op: OperationDoc }) {
  const errors = Object.entries(op.responses).filter(([, r]) => r.$ref).sort(byStatus);
  return (
    <ul className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
      {errors.map(([status, r]) => {
        const kind = kindOf(r)!;
        const others = (Object.keys(PROBLEMS) as ProblemKind[]).filter(
          (k) => k !== kind && String(PROBLEMS[k].status) === status && canHappen(k, op),
        );
        return (
          <li key={status}>
            <span className="mr-2 font-mono text-xs font-semibold text-slate-500">{status}</span>
            {[kind, ...others].map((k, i) => (
              <span key={k}>
                {i > 0 && <span className="text-slate-400"> or </span>}
                <a href={`#${problemAnchor(k)}`} className="text-indigo-600 hover:underline">
                  {PROBLEMS[k]?.title ?? k}
                </a>
              </span>
            ))}
          </li>
        );
      })}
    </ul>
  );
}
