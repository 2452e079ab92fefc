import type { TagGroup } from './document';
import { operationAnchor, tagAnchor } from './document';
import { MethodBadge } from './badges';
import { GUIDE } from './guide';

const heading = 'mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500';
const item = 'block rounded px-2 py-1 text-slate-700 hover:bg-slate-100 hover:text-slate-900';

/** The page's index: the guide, each tag's operations, the problems. Plain links to anchors. */
export function Contents({ groups }: { groups: TagGroup[] }) {
  return (
    <nav aria-label="Contents" className="space-y-5 text-sm">
      <div>
        <p className={heading}>Guide</p>
        <ul>
          <li>
            <a href="#introduction" className={item}>Introduction</a>
          </li>
          {GUIDE.map((g) => (
            <li key={g.id}>
              <a href={`#${g.id}`} className={item}>{g.title}</a>
            </li>
          ))}
        </ul>
      </div>
      {groups.map((g) => (
        <div key={g.name}>
          <a href={`#${tagAnchor(g.name)}`} className={`${heading} block hover:text-slate-800`}>
            {g.name}
          </a>
          <ul>
            {g.endpoints.map(({ method, op }) => (
              <li key={op.operationId}>
                <a href={`#${operationAnchor(op)}`} className={`${item} flex items-start gap-2 leading-snug`}>
                  <MethodBadge method={method} size="sm" />
                  <span className={op.deprecated ? 'text-slate-500' : ''}>
                    {op.summary}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <div>
        <a href="#problems" className={`${heading} block hover:text-slate-800`}>
          Problems
        </a>
      </div>
    </nav>
  );
}
