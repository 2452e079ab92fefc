import type { ReactNode } from 'react';
import type { ApiDoc, Endpoint } from './document';
import { operationAnchor, requestSchema } from './document';
import { curlExample } from './example';
import { FieldTable } from './field-table';
import { AccessBadge, DeprecatedBadge, MethodBadge, PathText } from './badges';
import { ParametersTable } from './parameters-table';
import { CodeBlock, Paragraphs } from './prose';
import { ErrorStatuses, SuccessResponses } from './responses';

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mt-5">
      <h4 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h4>
      {children}
    </div>
  );
}

export function OperationSection({ doc, endpoint, origin }: { doc: ApiDoc; endpoint: Endpoint; origin: string }) {
  const { method, path, op } = endpoint;
  const id = operationAnchor(op);
  const body = requestSchema(op);
  const strict = body && !body.oneOf && !body.anyOf && body.additionalProperties === false;
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200 target:ring-2 target:ring-indigo-500">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={`${id}-title`} className="mr-1 text-base font-semibold">
          <a href={`#${id}`} className="hover:underline">{op.summary}</a>
        </h3>
        {op.deprecated && <DeprecatedBadge />}
        <AccessBadge access={op['x-switchboard-access']} />
      </div>
      <p className="mt-2 flex items-start gap-2 rounded-md bg-slate-50 px-3 py-2 text-sm ring-1 ring-inset ring-slate-200">
        <MethodBadge method={method} />
        <PathText path={path} />
      </p>
      {op.description && <Paragraphs text={op.description} className="mt-3 text-sm text-slate-700" />}

      {op.parameters?.length ? (
        <Part title="Parameters">
          <ParametersTable doc={doc} parameters={op.parameters} />
        </Part>
      ) : null}

      {body && (
        <Part title={`Request body${op.requestBody?.required ? '' : ' (optional)'}`}>
          <p className="mb-2 text-sm text-slate-600">
            <code className="font-mono text-xs">application/json</code>
            {strict && ' · fields not listed here are refused'}
          </p>
          <FieldTable doc={doc} schema={body} mode="request" />
        </Part>
      )}

      <Part title="Responses">
        <SuccessResponses doc={doc} op={op} />
      </Part>

      <Part title="Errors">
        <ErrorStatuses op={op} />
      </Part>

      <Part title="Example">
        <CodeBlock>{curlExample(doc, endpoint, origin)}</CodeBlock>
      </Part>
    </section>
  );
}
