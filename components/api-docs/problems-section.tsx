import { ApiProblem, PROBLEMS, problemBody, problemTypeUri, type ProblemKind } from '@/lib/api/problem';
import type { ApiDoc } from './document';
import { problemAnchor } from './document';
import { FieldTable } from './field-table';
import { Code, CodeBlock } from './prose';

// Sorted by status so the list reads like the HTTP table; the sort is stable, so kinds sharing
// a status keep the order problem.ts gives them.
const kinds = () => (Object.keys(PROBLEMS) as ProblemKind[]).sort((a, b) => PROBLEMS[a].status - PROBLEMS[b].status);

/** A real problem document, made by the code that makes them, so the example cannot drift. */
function exampleProblem(): string {
  const problem = new ApiProblem('validation', 'display_name is invalid', { display_name: ['is required'] });
  return JSON.stringify(problemBody(problem, '0b8e9c52-7d1f-4a3e-9c6b-2f4d8e1a5b70'), null, 2);
}

/** One anchor per kind: the `type` of every problem document links here. */
export function ProblemsSection({ doc }: { doc: ApiDoc }) {
  const problemSchema = doc.components.schemas.Problem;
  return (
    <section id="problems" aria-labelledby="problems-title" className="scroll-mt-4 space-y-4">
      <h2 id="problems-title" className="text-xl font-semibold tracking-tight">
        Problems
      </h2>
      <div className="max-w-4xl space-y-3 text-sm leading-relaxed text-slate-700">
        <p>
          Every error is answered as <Code>application/problem+json</Code> (RFC 9457). Its <Code>type</Code> names the kind of problem and
          links to it below; <Code>detail</Code> says what went wrong with this request; a validation problem lists each field at fault in{' '}
          <Code>errors</Code>. Quote <Code>request_id</Code> when reporting an error.
        </p>
        <CodeBlock label="422 Validation failed">{exampleProblem()}</CodeBlock>
        {problemSchema && <FieldTable doc={doc} schema={problemSchema} mode="response" />}
      </div>
      <div className="grid gap-3 md:grid-cols-2">
        {kinds().map((kind) => {
          const { status, title, about } = PROBLEMS[kind];
          const headers = Object.entries(doc.components.responses[kind]?.headers ?? {}).filter(([name]) => !name.startsWith('RateLimit-'));
          return (
            <section
              key={kind}
              id={problemAnchor(kind)}
              aria-labelledby={`${problemAnchor(kind)}-title`}
              className="scroll-mt-4 rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200 target:ring-2 target:ring-indigo-500"
            >
              <h3 id={`${problemAnchor(kind)}-title`} className="flex items-baseline gap-2 font-semibold">
                <span className="font-mono text-slate-500">{status}</span>
                <a href={`#${problemAnchor(kind)}`} className="hover:underline">{title}</a>
              </h3>
              <p className="mt-1 text-slate-700">{about}</p>
              {headers.map(([name, h]) => (
                <p key={name} className="mt-1 text-slate-600">
                  Header <Code>{name}</Code>: {h.description}
                </p>
              ))}
              <p className="mt-2 text-xs text-slate-500">
                type <code className="font-mono text-slate-700">{problemTypeUri(kind)}</code>
              </p>
            </section>
          );
        })}
      </div>
    </section>
  );
}
