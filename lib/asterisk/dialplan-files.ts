import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { dialplanFileName, renderTenantDialplan, type DialplanTenant } from './dialplan.ts';

export const tenantContextsDir = (configDir: string) => path.join(configDir, 'tenant_contexts');

/**
 * Writes a tenant's file so that Asterisk never reads half of it: a temporary file in the same
 * directory, flushed to disk, then renamed over the old one (rename is atomic on one filesystem).
 */
export async function writeTenantDialplan(configDir: string, tenant: DialplanTenant): Promise<string> {
  const dir = tenantContextsDir(configDir);
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, dialplanFileName(tenant.slug));
  const temp = path.join(dir, `.${tenant.slug}.${randomBytes(4).toString('hex')}.tmp`);
  const file = await open(temp, 'w', 0o644);
  try {
    await file.writeFile(renderTenantDialplan(tenant));
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temp, target);
  return target;
}

export async function removeTenantDialplan(configDir: string, slug: string): Promise<void> {
  await rm(path.join(tenantContextsDir(configDir), dialplanFileName(slug)), { force: true });
}

/** Writes every tenant's file and removes files of tenants that no longer exist. */
export async function writeAllDialplans(configDir: string, tenants: DialplanTenant[]): Promise<{ written: number; removed: string[] }> {
  for (const t of tenants) await writeTenantDialplan(configDir, t);
  const keep = new Set(tenants.map((t) => dialplanFileName(t.slug)));
  const removed: string[] = [];
  for (const f of await readdir(tenantContextsDir(configDir)))
    if (f.endsWith('.conf') && !keep.has(f)) {
      await rm(path.join(tenantContextsDir(configDir), f), { force: true });
      removed.push(f);
    }
  return { written: tenants.length, removed };
}
