import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTenantDialplan, type DialplanTenant } from './dialplan.ts';
import { removeTenantDialplan, writeAllDialplans, writeTenantDialplan } from './dialplan-files.ts';

const golden = new URL('../../test/golden/', import.meta.url);
const acme: DialplanTenant = { slug: 'acme', name: 'Acme Corp; "the best"\nnew line', context: 'tenant-acme', defaultCountry: 'US', outboundTrunk: 'itsp-us', status: 'active' };
const beta: DialplanTenant = { slug: 'beta', name: 'Beta GmbH', context: 'tenant-beta', defaultCountry: 'DE', outboundTrunk: null, status: 'suspended' };

/** UPDATE_GOLDEN=1 rewrites the golden files after an intended change; review the diff. */
async function matchesGolden(name: string, text: string) {
  const file = new URL(name, golden);
  if (process.env.UPDATE_GOLDEN) await writeFile(file, text);
  expect(text).toBe(await readFile(file, 'utf8'));
}

describe('tenant dialplans', () => {
  it('match the golden files', async () => {
    await matchesGolden('tenant-acme.conf', renderTenantDialplan(acme));
    await matchesGolden('tenant-beta.conf', renderTenantDialplan(beta));
  });

  it('dial the country emergency numbers before, and without, the AGI server', () => {
    const text = renderTenantDialplan(acme);
    const firstAgi = text.indexOf('AGI(');
    for (const n of ['911', '112']) {
      expect(text).toContain(`exten => ${n},1,`);
      expect(text.indexOf(`Dial(PJSIP/${n}@itsp-us`)).toBeLessThan(firstAgi);
    }
  });

  it('presets a denial before AGI() and dials only when IS_ALLOWED is 1', () => {
    const lines = renderTenantDialplan(acme).split('\n');
    const preset = lines.findIndex((l) => l.includes('Set(IS_ALLOWED=0)'));
    const agi = lines.findIndex((l) => l.includes('AGI(agi://'));
    const check = lines.findIndex((l) => l.includes('GotoIf($["${IS_ALLOWED}" = "1"]?dial)'));
    expect(preset).toBeGreaterThan(0);
    expect(preset).toBeLessThan(agi);
    expect(agi).toBeLessThan(check);
    expect(lines.filter((l) => l.includes('Dial(${DIAL_TARGET}')).length).toBe(1);
  });

  it('writes files atomically, and removes those of deleted tenants', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sb-dialplan-'));
    await writeTenantDialplan(dir, acme);
    await writeAllDialplans(dir, [acme, beta]);
    expect((await readdir(path.join(dir, 'tenant_contexts'))).sort()).toEqual(['acme.conf', 'beta.conf']);
    const { removed } = await writeAllDialplans(dir, [beta]);
    expect(removed).toEqual(['acme.conf']);
    await removeTenantDialplan(dir, 'beta');
    expect(await readdir(path.join(dir, 'tenant_contexts'))).toEqual([]);
  });
});
