import { describe, expect, it } from 'vitest';
import { renderTenantDialplan, type DialplanTenant } from './dialplan.ts';

const acme: DialplanTenant = { slug: 'acme', name: 'Acme', context: 'tenant-acme', defaultCountry: 'US', outboundTrunk: 'itsp-us', status: 'active', sipDomain: 'acme.example.com', extensionLength: 4 };
const lines = renderTenantDialplan(acme).split('\n');
const at = (needle: string, from = 0) => lines.findIndex((l, i) => i >= from && l.includes(needle));

describe('caller ID in the tenant dialplan', () => {
  it('sets the E.164 number from the endpoint variable before an emergency Dial, when there is one', () => {
    for (const n of ['911', '112']) {
      const start = at(`exten => ${n},1,`);
      const set = at('Set(CALLERID(num)=${SWITCHBOARD_CLID})', start);
      expect(lines[set]).toContain('ExecIf($[${LEN(${SWITCHBOARD_CLID})} > 0]?');
      expect(set).toBeLessThan(at(`Dial(PJSIP/${n}@itsp-us`, start));
    }
  });

  it('sets CALLERID(num) from the AGI answer for calls through the trunk only, after a preset, before Dial', () => {
    const preset = at('Set(CALLER_ID_NUM=)');
    const agi = at('AGI(agi://');
    const set = at('Set(CALLERID(num)=${CALLER_ID_NUM})');
    expect(preset).toBeGreaterThan(0);
    expect(preset).toBeLessThan(agi);
    expect(set).toBeGreaterThan(at('n(dial)'));
    expect(set).toBeLessThan(at('Dial(${DIAL_TARGET}'));
    expect(lines[set]).toContain('"${TARGET_TYPE}" != "INTERNAL"');
    // The name is the extension's own (ps_endpoints.callerid): only the number changes.
    expect(lines.some((l) => l.includes('CALLERID(name)') || l.includes('CALLERID(all)='))).toBe(false);
  });
});
