import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { Contents } from '@/components/api-docs/contents';
import { DocsHeader } from '@/components/api-docs/docs-header';
import { endpointsByTag, type ApiDoc } from '@/components/api-docs/document';
import { Guide } from '@/components/api-docs/guide';
import { Intro } from '@/components/api-docs/intro';
import { ProblemsSection } from '@/components/api-docs/problems-section';
import { TagSection } from '@/components/api-docs/tag-section';
import { buildOpenApi } from '@/lib/api/openapi';
import { OPERATIONS } from '@/lib/api/operations';

export const metadata: Metadata = { title: 'API reference', description: 'The Switchboard REST API: operations, schemas, errors.' };

// The same document /api/v1/openapi.json serves, built in-process rather than fetched over HTTP;
// it depends on nothing but the code, so one build serves every request.
let cached: ApiDoc | undefined;
const apiDoc = () => (cached ??= buildOpenApi(OPERATIONS) as unknown as ApiDoc);

/** This server as its callers reach it, for examples that can be pasted as they are. */
async function origin(): Promise<string> {
  const h = await headers();
  // Next fills in x-forwarded-host and -proto from the request when no proxy did.
  const host = h.get('x-forwarded-host')?.split(',')[0].trim() || h.get('host');
  const proto = h.get('x-forwarded-proto')?.split(',')[0].trim();
  // The host is echoed into the page: only a plain host[:port] is, anything else gets a placeholder.
  if (!host || !/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) return 'https://switchboard.example.com';
  return `${proto === 'http' ? 'http' : 'https'}://${host}`;
}

/** The REST API's reference: public, since it holds no data and problem `type` links land here. */
export default async function ApiDocsPage() {
  const doc = apiDoc();
  const groups = endpointsByTag(doc);
  const base = await origin();
  return (
    <>
      <DocsHeader version={doc.info.version} />
      <div className="mx-auto max-w-7xl px-4 py-6 lg:flex lg:gap-8">
        <aside className="lg:w-64 lg:shrink-0">
          {/* Small screens: the index folds away above the content; large ones keep it in view. */}
          <details className="mb-6 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200 lg:hidden">
            <summary className="cursor-pointer text-sm font-semibold">Contents</summary>
            <div className="mt-3">
              <Contents groups={groups} />
            </div>
          </details>
          <div className="sticky top-0 hidden max-h-screen overflow-y-auto py-2 pr-2 lg:block">
            <Contents groups={groups} />
          </div>
        </aside>
        <main className="min-w-0 flex-1 space-y-12">
          <Intro doc={doc} />
          <Guide doc={doc} origin={base} />
          {groups.map((group) => (
            <TagSection key={group.name} doc={doc} group={group} origin={base} />
          ))}
          <ProblemsSection doc={doc} />
        </main>
      </div>
    </>
  );
}
