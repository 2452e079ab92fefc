import type { ApiDoc, TagGroup } from './document';
import { tagAnchor } from './document';
import { OperationSection } from './operation-section';

export function TagSection({ doc, group, origin }: { doc: ApiDoc; group: TagGroup; origin: string }) {
  const id = tagAnchor(group.name);
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-4 space-y-4">
      <div>
        <h2 id={`${id}-title`} className="text-xl font-semibold tracking-tight">
          {group.name}
        </h2>
        {group.description && <p className="mt-1 text-sm text-slate-600">{group.description}</p>}
      </div>
      {group.endpoints.map((endpoint) => (
        <OperationSection key={endpoint.op.operationId} doc={doc} endpoint={endpoint} origin={origin} />
      ))}
    </section>
  );
}
