import type { ApiDoc } from './document';
import { Paragraphs } from './prose';

/** The heading and the document's own description, paragraph by paragraph. */
export function Intro({ doc }: { doc: ApiDoc }) {
  return (
    <section id="introduction" aria-labelledby="introduction-title" className="scroll-mt-4">
      <h1 id="introduction-title" className="text-2xl font-semibold tracking-tight">
        API reference
      </h1>
      <p className="mt-1 text-sm text-slate-600">
        {doc.info.title} {doc.info.version} · OpenAPI {doc.openapi} ·{' '}
        <a href="/api/v1/openapi.json" className="font-medium text-indigo-600 hover:underline">
          openapi.json
        </a>
      </p>
      <Paragraphs text={doc.info.description} className="mt-4 max-w-3xl text-sm leading-relaxed text-slate-700" />
    </section>
  );
}
