import type { Actor } from '@/lib/domain/actor';
import { assertTokenScope } from '@/lib/domain/api-token/access';
import type { TokenView } from '@/lib/domain/api-token/view';
import type { CreateTokenAction, RevokeTokenAction } from './token-actions';
import { TokenCreateForm } from './token-create-form';
import { TokenTable } from './token-table';

/** Whether the domain would let this actor create and revoke here; only decides what is shown. */
function mayManage(actor: Actor, tenantId: string | null): boolean {
  try {
    assertTokenScope(actor, tenantId, 'write');
    return true;
  } catch {
    return false;
  }
}

/** A scope's tokens (a tenant's, or the platform's when tenantId is null): create form and list. */
export function TokenSection({
  actor,
  tenantId,
  tokens,
  apiPath,
  create,
  revoke,
}: {
  actor: Actor;
  tenantId: string | null;
  tokens: TokenView[];
  apiPath: string;
  create: CreateTokenAction;
  revoke: RevokeTokenAction;
}) {
  const canManage = mayManage(actor, tenantId);
  return (
    <div className="space-y-8">
      {canManage ? (
        <section aria-labelledby="new-token" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <h2 id="new-token" className="mb-3 font-semibold">New token</h2>
          <TokenCreateForm create={create} apiPath={apiPath} />
        </section>
      ) : (
        <p className="text-sm text-slate-600">You have read-only access.</p>
      )}
      <section aria-labelledby="tokens" className="space-y-3">
        <h2 id="tokens" className="text-lg font-semibold">Tokens</h2>
        <TokenTable tokens={tokens} revoke={canManage ? revoke : undefined} />
      </section>
    </div>
  );
}
