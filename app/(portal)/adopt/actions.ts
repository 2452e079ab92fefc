'use server';
import { revalidatePath } from 'next/cache';
import { adoptEndpoints } from '@/lib/domain/adopt/adopt-endpoints';
import { planAdoption } from '@/lib/domain/adopt/plan-adoption';
import type { AdoptOptions, AdoptSelection } from '@/lib/domain/adopt/schemas';
import { runAction } from '@/lib/next/action';

// Public HTTP endpoints: the use cases refuse anyone but a platform admin, whatever the page showed.

export type AdoptionInput = { tenant: string; selection: AdoptSelection; options: AdoptOptions };

const args = (input: AdoptionInput) => {
  const { tenant, selection, options } = (input ?? {}) as Partial<AdoptionInput>;
  return [String(tenant ?? ''), (selection ?? {}) as AdoptSelection, (options ?? {}) as AdoptOptions] as const;
};

export async function previewAdoptionAction(input: AdoptionInput) {
  return runAction('previewAdoption', (ctx) => planAdoption(ctx, ...args(input)));
}

export async function adoptAction(input: AdoptionInput) {
  return runAction('adopt', async (ctx) => {
    const [tenant, selection, options] = args(input);
    const result = await adoptEndpoints(ctx, tenant, selection, { ...options, dryRun: false });
    if (result.adopted) {
      revalidatePath('/adopt');
      revalidatePath(`/tenants/${result.plan.tenant.slug}`);
    }
    return result;
  });
}
