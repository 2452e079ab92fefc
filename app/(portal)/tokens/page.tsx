import type { Metadata } from 'next';
import { TokenSection } from '@/components/api-token/token-section';
import { Forbidden } from '@/components/portal/forbidden';
import { PageHeader } from '@/components/portal/page-header';
import { getDb } from '@/lib/db/client';
import { listApiTokens } from '@/lib/domain/api-token/list-tokens';
import { isAppError } from '@/lib/errors';
import { requireActor } from '@/lib/next/session';
import { createPlatformTokenAction, revokePlatformTokenAction } from './actions';

export const metadata: Metadata = { title: 'API tokens' };

export default async function PlatformTokensPage() {
  const actor = await requireActor();
  const ctx = { actor, db: getDb() };
  let tokens;
  try {
    tokens = await listApiTokens(ctx, null);
  } catch (err) {
    if (isAppError(err) && err.code === 'forbidden') return <Forbidden message="Platform API tokens are the platform admins'. A tenant's tokens are on its page." />;
    throw err;
  }
  return (
    <>
      <PageHeader title="API tokens" subtitle="Platform tokens reach every tenant through the REST API. A token for one tenant is made on that tenant's page." />
      <TokenSection
        actor={actor}
        tenantId={null}
        tokens={tokens}
        apiPath="/api/v1/tenants"
        create={createPlatformTokenAction}
        revoke={revokePlatformTokenAction}
      />
    </>
  );
}
