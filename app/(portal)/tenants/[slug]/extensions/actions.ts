'use server';
import { revalidatePath } from 'next/cache';
import { revealPendingSecret } from '@/lib/domain/directory/pending-secret';
import { changeSipSecret } from '@/lib/domain/extension/change-secret';
import { createExtension } from '@/lib/domain/extension/create-extension';
import { deleteExtension } from '@/lib/domain/extension/delete-extension';
import { resetVoicemailPin } from '@/lib/domain/extension/reset-voicemail-pin';
import type { ExtensionInput, ExtensionUpdateInput } from '@/lib/domain/extension/schemas';
import { updateExtension } from '@/lib/domain/extension/update-extension';
import { runAction } from '@/lib/next/action';

// Every argument is checked by the service: these functions are public HTTP endpoints.

export async function createExtensionAction(tenantId: string, input: ExtensionInput) {
  return runAction('createExtension', async (ctx) => {
    const { extension, secret } = await createExtension(ctx, String(tenantId), input);
    revalidatePath('/tenants');
    return { id: extension.id, number: extension.number, endpointId: extension.endpointId, secret };
  });
}

export async function updateExtensionAction(id: string, input: ExtensionUpdateInput) {
  return runAction('updateExtension', async (ctx) => {
    const { extension, secret } = await updateExtension(ctx, String(id), input);
    revalidatePath('/tenants');
    return { endpointId: extension.endpointId, secret: secret ?? null };
  });
}

export async function changeSecretAction(id: string) {
  return runAction('changeSecret', async (ctx) => {
    const { secret } = await changeSipSecret(ctx, String(id));
    return { secret };
  });
}

export async function revealPendingSecretAction(id: string) {
  return runAction('revealPendingSecret', async (ctx) => {
    const { secret } = await revealPendingSecret(ctx, String(id));
    return { secret };
  });
}

export async function resetVoicemailPinAction(id: string) {
  return runAction('resetVoicemailPin', async (ctx) => {
    const { pin } = await resetVoicemailPin(ctx, String(id));
    return { pin };
  });
}

export async function deleteExtensionAction(id: string) {
  return runAction('deleteExtension', async (ctx) => {
    await deleteExtension(ctx, String(id));
    revalidatePath('/tenants');
  });
}
