import Link from 'next/link';
import type { ReactNode } from 'react';
import { KEY_TTL_HOURS } from '@/lib/api/idempotency';
import { anonymousLimit, tokenLimit, WINDOW_MS } from '@/lib/api/rate-limit';
import type { ApiDoc } from './document';
import { problemAnchor } from './document';
import { Code, CodeBlock } from './prose';
import { constraints } from './schema';

export const GUIDE = [
  { id: 'authentication', title: 'Authentication' },
  { id: 'pagination', title: 'Pagination' },
  { id: 'idempotency', title: 'Idempotency' },
  { id: 'rate-limits', title: 'Rate limits' },
] as const;

const linkClass = 'font-medium text-indigo-600 hover:underline';

function GuideSection({ id, children }: { id: (typeof GUIDE)[number]['id']; children: ReactNode }) {
  const title = GUIDE.find((g) => g.id === id)!.title;
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-4 space-y-3 text-sm leading-relaxed text-slate-700">
      <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

const ProblemLink = ({ kind, children }: { kind: string; children: ReactNode }) => (
  <a href={`#${problemAnchor(kind)}`} className={linkClass}>
    {children}
  </a>
);

/** How the list operations' `limit` reads in the document, so this text follows the schema. */
function limitRule(doc: ApiDoc): string | undefined {
  for (const methods of Object.values(doc.paths))
    for (const op of Object.values(methods)) {
      const limit = op.parameters?.find((p) => p.in === 'query' && p.name === 'limit');
      if (limit) return constraints(doc, limit.schema).map((n) => (n.code ? `${n.label} ${n.code}` : n.label)).join(', ');
    }
  return undefined;
}

export function Guide({ doc, origin }: { doc: ApiDoc; origin: string }) {
  const limit = limitRule(doc);
  const windowSeconds = WINDOW_MS / 1000;
  return (
    <div className="max-w-4xl space-y-10">
      <GuideSection id="authentication">
        <p>
          Every request carries an API token as a bearer token: <Code>Authorization: Bearer sbt_…</Code>. A token is shown once, when it is
          made; keep it like a password.
        </p>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            In the portal: <Link href="/tokens" className={linkClass}>API tokens</Link> in the top bar (platform admins) makes platform tokens,
            which reach every tenant; the <em>API tokens</em> button on a tenant&apos;s page makes tokens for that tenant alone.
          </li>
          <li>
            On the server, for automation or the first token of a new install:
            <div className="mt-2">
              <CodeBlock>{'npm run token:create -- --name <name> [--tenant <slug>] [--access read|write]'}</CodeBlock>
            </div>
            Without <Code>--tenant</Code> the token is the platform&apos;s. <Code>--expires-days N</Code> and <Code>--rate-limit N</Code> give it
            an expiry and a limit of its own; <Code>npm run token:list</Code> and <Code>npm run token:revoke -- &lt;id&gt;</Code> manage them.
          </li>
        </ul>
        <p>
          A token has <strong>read</strong> or <strong>write</strong> access. Each operation below says which it needs; a read-only token asking
          for a change gets <ProblemLink kind="forbidden">403</ProblemLink>. A tenant token reaches its own tenant only: another tenant&apos;s
          objects answer <ProblemLink kind="not-found">404</ProblemLink>, exactly like missing ones. A missing, unknown, revoked or expired token
          gets <ProblemLink kind="unauthenticated">401</ProblemLink>.
        </p>
        <CodeBlock>{`export TOKEN=sbt_...\ncurl ${origin}/api/v1/tenants -H "Authorization: Bearer $TOKEN"`}</CodeBlock>
      </GuideSection>

      <GuideSection id="pagination">
        <p>
          List operations answer one page at a time: <Code>{'{"data": [...], "next_cursor": "..."}'}</Code>. For the next page, send the
          same request with <Code>cursor</Code> set to <Code>next_cursor</Code>; on the last page <Code>next_cursor</Code> is{' '}
          <Code>null</Code>. <Code>limit</Code> sets the page size{limit ? ` (${limit})` : ''}. Cursors are positions, not page numbers: a far
          page costs what the first does, and rows added meanwhile do not shift the pages.
        </p>
        <CodeBlock>{`curl '${origin}/api/v1/tenants/acme/extensions?limit=100&cursor=<next_cursor>' \\\n  -H "Authorization: Bearer $TOKEN"`}</CodeBlock>
        <p>The compatibility routes of the old systems answer every item in one array, without pages.</p>
      </GuideSection>

      <GuideSection id="idempotency">
        <p>
          A <Code>POST</Code> may carry an <Code>Idempotency-Key</Code> header: 1 to 255 visible ASCII characters, a UUID for instance. A
          retry with the same key, method, path and body within {KEY_TTL_HOURS} hours gets the first answer again, marked{' '}
          <Code>Idempotent-Replayed: true</Code>, and changes nothing: a create retried after a timeout cannot create twice.
        </p>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            The same key with a different request answers <ProblemLink kind="idempotency-key-reused">422 Idempotency key reused</ProblemLink>.
          </li>
          <li>
            While the first request is still running, a retry answers <ProblemLink kind="idempotency-in-progress">409 Request in progress</ProblemLink>
            : wait and retry.
          </li>
          <li>A refusal (4xx) is kept and replayed like a success; an unexpected failure (5xx) frees the key, so a retry runs again.</li>
          <li>Keys belong to the token that sent them.</li>
        </ul>
        <CodeBlock>{`curl -X POST ${origin}/api/v1/tenants/acme/extensions \\\n  -H "Authorization: Bearer $TOKEN" \\\n  -H "Idempotency-Key: $(uuidgen)" \\\n  -H "Content-Type: application/json" \\\n  -d '{"number": "1001", "display_name": "Alice Example"}'`}</CodeBlock>
      </GuideSection>

      <GuideSection id="rate-limits">
        <p>
          Requests are counted per token in {windowSeconds}-second windows: {tokenLimit(null).toLocaleString('en')} a minute unless the token
          has a limit of its own. Requests without a valid token are counted per client address, {anonymousLimit().toLocaleString('en')} a
          minute, so guessing tokens stays slow. Every answer says where the caller stands:
        </p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt><Code>RateLimit-Limit</Code></dt>
          <dd>Requests allowed per window.</dd>
          <dt><Code>RateLimit-Remaining</Code></dt>
          <dd>Requests left in this window.</dd>
          <dt><Code>RateLimit-Reset</Code></dt>
          <dd>Seconds until the window resets.</dd>
          <dt><Code>RateLimit-Policy</Code></dt>
          <dd>
            The limit and window, e.g. <Code>{`${tokenLimit(null)};w=${windowSeconds}`}</Code>.
          </dd>
        </dl>
        <p>
          Past the limit the answer is <ProblemLink kind="rate-limited">429 Too many requests</ProblemLink> with <Code>Retry-After</Code>: the
          seconds to wait before trying again.
        </p>
      </GuideSection>
    </div>
  );
}
