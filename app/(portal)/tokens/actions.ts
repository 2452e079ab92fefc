'use server';
import { revalidatePath } from 'next/cache';
import { createApiToken } from '@/lib/domain/api-token/create-token';
import { revokeApiToken } from '@/lib/domain/api-token/revoke-token';
import type { TokenCreateInput } from '@/lib/domain/api-token/schemas';
import { runAction } from '@/lib/next/action';

// Public HTTP endpoints: the use cases check who may do this, whatever the page showed.

export async function createPlatformTokenAction(input: TokenCreateInput) {
  return runAction('createPlatformToken', async (ctx) => {
    // Always a platform token here: a tenant id in the submitted values is ignored.
    const { token, view } = await createApiToken(ctx, { ...(input as object), tenantId: null } as TokenCreateInput);
    revalidatePath('/tokens');
    return { token, name: view.name };
  });
}

export async function revokePlatformTokenAction(id: string) {
  return runAction('revokePlatformToken', async (ctx) => {
    const view = await revokeApiToken(ctx, String(id));
    revalidatePath('/tokens');
    return { name: view.name };
  });
}
