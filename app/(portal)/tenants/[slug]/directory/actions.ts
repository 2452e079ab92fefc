'use server';
import { revalidatePath } from 'next/cache';
import { ldapGateway } from '@/lib/directory/gateway';
import type { DirectoryInput } from '@/lib/domain/directory/schemas';
import { saveDirectorySettings } from '@/lib/domain/directory/settings';
import { testDirectory } from '@/lib/domain/directory/test-directory';
import { validationError } from '@/lib/errors';
import { requestDirectorySync } from '@/lib/jobs/directory-jobs';
import { runAction } from '@/lib/next/action';
import { portalJobs } from '@/lib/next/jobs';

// Public HTTP endpoints: the use cases decide who may do this (tenant admins of this tenant and
// platform admins), whatever the page showed. The tenant is bound by the page, never submitted.

export async function saveDirectoryAction(tenantId: string, input: DirectoryInput) {
  return runAction('saveDirectory', async (ctx) => {
    const saved = await saveDirectorySettings(ctx, String(tenantId), input);
    revalidatePath('/tenants/[slug]/directory', 'page');
    return { url: saved.url };
  });
}

/** Saves, then tests what was saved: the test never runs on settings a sync would not use. */
export async function testDirectoryAction(tenantId: string, input: DirectoryInput) {
  return runAction('testDirectory', async (ctx) => {
    await saveDirectorySettings(ctx, String(tenantId), input);
    revalidatePath('/tenants/[slug]/directory', 'page');
    return testDirectory(ctx, String(tenantId), ldapGateway);
  });
}

/** Queues a preview or a sync for the portal's worker; the page follows the run it made. */
export async function startDirectoryRunAction(tenantId: string, mode: 'preview' | 'sync', confirmed?: boolean) {
  return runAction('startDirectoryRun', async (ctx) => {
    if (mode !== 'preview' && mode !== 'sync') throw validationError({ mode: ['must be preview or sync'] });
    const { boss } = await portalJobs();
    const run = await requestDirectorySync(ctx, boss, String(tenantId), { mode, trigger: 'portal', confirmed: confirmed === true });
    revalidatePath('/tenants/[slug]/directory', 'page');
    return { runId: run.id };
  });
}
