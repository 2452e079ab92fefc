'use server';
import { revalidatePath } from 'next/cache';
import { createApiToken } from '@/lib/domain/api-token/create-token';
import { revokeApiToken } from '@/lib/domain/api-token/revoke-token';
import type { TokenCreateInput } from '@/lib/domain/api-token/schemas';
import { runAction } from '@/lib/next/action';

// Public HTTP endpoints: the use cases check who may do this, whatever the page showed.

export async function createTenantTokenAction(tenantId: string, input: TokenCreateInput) {
  return runAction('createTenantToken', async (ctx) => {
    // The tenant comes from the page, never from the submitted values.
    const { token, view } = await createApiToken(ctx, { ...(input as object), tenantId: String(tenantId) } as TokenCreateInput);
    revalidatePath('/tenants/[slug]/tokens', 'page');
    return { token, name: view.name };
  });
}

export async function revokeTenantTokenAction(id: string) {
  return runAction('revokeTenantToken', async (ctx) => {
    const view = await revokeApiToken(ctx, String(id));
    revalidatePath('/tenants/[slug]/tokens', 'page');
    return { name: view.name };
  });
}
