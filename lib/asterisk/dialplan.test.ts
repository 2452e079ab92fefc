import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { follow, parseDialplan } from '../../test/support/dialplan-model.ts';
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

  // What a phone can put in the request URI's user part: PJSIP decodes %0A into a real line
  // break in ${EXTEN}, and AGI() writes its arguments into the environment as they are.
  const attacks = [
    '12125550100\nagi_arg_1: 1001@acme.example.com',
    '1001\nagi_arg_1: 1001@beta.example.com',
    '+12125550100\nagi_arg_1: 1001@acme.example.com',
    '1002\r',
    '1002\t',
    '1002 ',
    '1002,1001',
    '1002)',
    '1002"',
    '1002;x',
    '1002@beta.example.com',
    '*911',
    '9#11',
    '9*1*1#',
    '1*1*2',
    '++12125550100',
    '+1*2125550100',
  ];

  it('hands only digits (after one leading +) to the AGI server; everything else is refused first', () => {
    const plan = parseDialplan(renderTenantDialplan(acme));
    for (const dialled of attacks) {
      const outcome = follow(plan, 'tenant-acme', dialled);
      expect(['refused', 'no-match'], JSON.stringify(dialled)).toContain(outcome.kind);
    }
    expect(follow(plan, 'tenant-acme', '1002')).toEqual({ kind: 'gosub', target: 'tenant-acme-route', arg: '1002' });
    expect(follow(plan, 'tenant-acme', '+12125550100')).toEqual({ kind: 'gosub', target: 'tenant-acme-route', arg: '+12125550100' });
    expect(follow(plan, 'tenant-acme', '911')).toEqual({ kind: 'dial', target: 'PJSIP/911@itsp-us' });
    expect(follow(plan, 'tenant-acme', '*911').kind).not.toBe('dial');
  });

  it('guards the shipped inbound context the same way', async () => {
    const shipped = await readFile(new URL('../../docker/asterisk/extensions.conf', import.meta.url), 'utf8');
    const plan = parseDialplan(shipped);
    for (const dialled of attacks) expect(['refused', 'no-match'], JSON.stringify(dialled)).toContain(follow(plan, 'switchboard-inbound', dialled).kind);
    for (const did of ['+14155550100', '14155550100', '4155550100'])
      expect(follow(plan, 'switchboard-inbound', did)).toEqual({ kind: 'gosub', target: 'switchboard-inbound-route', arg: did });
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
