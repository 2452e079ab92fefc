'use server';
import { revalidatePath } from 'next/cache';
import { createAdmin } from '@/lib/domain/admin/create-admin';
import type { AdminCreateInput, AdminUpdateInput } from '@/lib/domain/admin/schemas';
import { resetAdminPassword, updateAdmin } from '@/lib/domain/admin/update-admin';
import { runAction } from '@/lib/next/action';

export async function createAdminAction(input: AdminCreateInput) {
  return runAction('createAdmin', async (ctx) => {
    const { admin, password, passwordGenerated } = await createAdmin(ctx, input);
    revalidatePath('/admins');
    return { email: admin.email, password: passwordGenerated ? password : null };
  });
}

export async function updateAdminAction(id: string, input: AdminUpdateInput) {
  return runAction('updateAdmin', async (ctx) => {
    await updateAdmin(ctx, String(id), input);
    revalidatePath('/admins');
  });
}

export async function resetAdminPasswordAction(id: string) {
  return runAction('resetAdminPassword', (ctx) => resetAdminPassword(ctx, String(id)));
}
