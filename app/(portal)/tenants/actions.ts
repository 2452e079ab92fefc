'use server';
import { revalidatePath } from 'next/cache';
import { addDid } from '@/lib/domain/did/add-did';
import type { DidInput } from '@/lib/domain/did/schemas';
import { removeDid } from '@/lib/domain/did/remove-did';
import { setMainDid } from '@/lib/domain/did/set-main-did';
import { createTenant } from '@/lib/domain/tenant/create-tenant';
import { deleteTenant } from '@/lib/domain/tenant/delete-tenant';
import type { TenantCreateInput, TenantUpdateInput } from '@/lib/domain/tenant/schemas';
import { updateTenant } from '@/lib/domain/tenant/update-tenant';
import { runAction } from '@/lib/next/action';

// Inputs arrive as `unknown` from the wire; every service validates them with its zod schema.

export async function createTenantAction(input: TenantCreateInput) {
  return runAction('createTenant', async (ctx) => {
    const tenant = await createTenant(ctx, input);
    revalidatePath('/tenants');
    return { slug: tenant.slug };
  });
}

export async function updateTenantAction(tenantId: string, input: TenantUpdateInput) {
  return runAction('updateTenant', async (ctx) => {
    const { tenant, secrets } = await updateTenant(ctx, String(tenantId), input);
    revalidatePath(`/tenants/${tenant.slug}`);
    return { slug: tenant.slug, secrets: secrets ?? null };
  });
}

export async function deleteTenantAction(tenantId: string, withExtensions: boolean) {
  return runAction('deleteTenant', async (ctx) => {
    await deleteTenant(ctx, String(tenantId), { withExtensions: withExtensions === true });
    revalidatePath('/tenants');
  });
}

export async function addDidAction(tenantId: string, input: DidInput) {
  return runAction('addDid', async (ctx) => {
    const did = await addDid(ctx, String(tenantId), input);
    revalidatePath('/tenants');
    return { e164: did.e164 };
  });
}

export async function removeDidAction(didId: string) {
  return runAction('removeDid', async (ctx) => {
    await removeDid(ctx, String(didId));
    revalidatePath('/tenants');
  });
}

export async function setMainDidAction(didId: string) {
  return runAction('setMainDid', async (ctx) => {
    const { e164 } = await setMainDid(ctx, String(didId));
    revalidatePath('/tenants');
    return { e164 };
  });
}
