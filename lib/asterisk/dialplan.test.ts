import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSWER_FIELDS } from '../../agi-server/src/handlers.ts';
import { follow, parseDialplan } from '../../test/support/dialplan-model.ts';
import { renderTenantDialplan, unpackAnswer, voicemailAfterDial, type DialplanTenant } from './dialplan.ts';
import { removeTenantDialplan, writeAllDialplans, writeTenantDialplan } from './dialplan-files.ts';

const golden = new URL('../../test/golden/', import.meta.url);
const acme: DialplanTenant = { slug: 'acme', name: 'Acme Corp; "the best"\nnew line', context: 'tenant-acme', defaultCountry: 'US', outboundTrunk: 'itsp-us', status: 'active', sipDomain: 'acme.example.com', extensionLength: 4 };
const beta: DialplanTenant = { slug: 'beta', name: 'Beta GmbH', context: 'tenant-beta', defaultCountry: 'DE', outboundTrunk: null, status: 'suspended', sipDomain: 'beta.example.com', extensionLength: 3 };

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

  it('opens the caller\'s own mailbox on *97, named from its endpoint and never from what was dialled', () => {
    const text = renderTenantDialplan(acme);
    expect(follow(parseDialplan(text), 'tenant-acme', '*97')).toEqual({ kind: 'voicemail-main', mailbox: '${CUT(VM_ENDPOINT,@,1)}@tenant-acme' });
    expect(text).toContain('exten => *97,1,Set(VM_ENDPOINT=${CHANNEL(endpoint)})');
    // The feature code is an exact extension: *97 never reaches the AGI server, and nothing
    // else that starts with * does either.
    expect(follow(parseDialplan(text), 'tenant-acme', '*971').kind).toBe('no-match');
    expect(text.split('\n').filter((l) => l.includes('VoiceMailMain(')).every((l) => !l.includes('EXTEN') && !/,[a-z]*s[a-z]*\)$/.test(l))).toBe(true);
  });

  it('sends an unanswered, unreachable or busy internal call to the callee\'s mailbox with the matching greeting', () => {
    const lines = renderTenantDialplan(acme).split('\n');
    const dial = lines.findIndex((l) => l.includes('Dial(${DIAL_TARGET}'));
    expect(lines[dial]).toContain('${IF($["${VOICEMAIL_BOX}" = ""]?60:30)}');
    const after = lines.slice(dial + 1, lines.indexOf('', dial));
    const target = (label: string) => after[after.findIndex((l) => l.includes(`n(${label}),`))];
    expect(after[0]).toBe(' same => n,GotoIf($["${VOICEMAIL_BOX}" = ""]?done)');
    expect(after.find((l) => l.includes('"BUSY"'))).toMatch(/\?busy\)$/);
    expect(after.find((l) => l.includes('"NOANSWER"'))).toMatch(/"CHANUNAVAIL"\]\?unavailable\)$/);
    expect(target('busy')).toBe(' same => n(busy),VoiceMail(${VOICEMAIL_BOX},b)');
    expect(target('unavailable')).toBe(' same => n(unavailable),VoiceMail(${VOICEMAIL_BOX},u)');
    expect(target('done')).toBe(' same => n(done),Return()');
    // The box comes from the AGI server only: preset empty before AGI(), like the other answers.
    expect(lines.findIndex((l) => l.includes('Set(VOICEMAIL_BOX=)'))).toBeLessThan(lines.findIndex((l) => l.includes('AGI(agi://')));
  });

  it('gives busy lamps one hint pattern per tenant that names only that tenant\'s endpoints', () => {
    for (const [t, other] of [[acme, beta], [beta, acme]] as const) {
      const text = renderTenantDialplan(t);
      const hints = text.split('\n').filter((l) => l.includes(',hint,'));
      expect(hints).toEqual([`exten => _Z${'X'.repeat(t.extensionLength - 1)},hint,PJSIP/\${EXTEN}@${t.sipDomain}`]);
      // In a context of its own, reached only through this tenant's context (its phones' subscribe_context).
      expect(text).toContain(`[${t.context}-hints]\n`);
      expect(text.match(/^include => .*$/gm)).toEqual([`include => ${t.context}-hints`]);
      expect(text).not.toContain(other.sipDomain);
      expect(text).not.toContain(other.context);
    }
  });

  it('sends an unanswered, unreachable or busy DID call to the mailbox with the same lines', async () => {
    const shipped = await readFile(new URL('../../docker/asterisk/extensions.conf', import.meta.url), 'utf8');
    const after = shipped.slice(shipped.indexOf(' same => n,Dial(${DIAL_TARGET},30,i)')).split('\n').filter((l) => l.startsWith(' same'));
    expect(after.slice(1, 1 + voicemailAfterDial.length)).toEqual(voicemailAfterDial);
    expect(shipped.indexOf('Set(VOICEMAIL_BOX=)')).toBeLessThan(shipped.indexOf('/inbound?answer=1,'));
  });

  // A called phone answering 302 with a Contact user of `PJSIP/<anything>` would otherwise have
  // Dial() call that target directly, past the AGI decision (found in review).
  it('dials everything with call forwarding ignored, in the tenant contexts and the shipped inbound context', async () => {
    const shipped = await readFile(new URL('../../docker/asterisk/extensions.conf', import.meta.url), 'utf8');
    for (const text of [renderTenantDialplan(acme), renderTenantDialplan(beta), shipped]) {
      const dials = text.split('\n').filter((l) => /[,(]Dial\(/.test(l));
      expect(dials.length).toBeGreaterThan(0);
      for (const line of dials) expect(line, line).toMatch(/,i\)$/);
    }
  });

  it('tells the AGI server who blind-transferred a call, on a request path that says so', () => {
    const text = renderTenantDialplan(acme);
    expect(text).toContain('AGI(agi://${SWITCHBOARD_AGI}/route?transfer&answer=1,${CHANNEL(endpoint)},${ARG1},${BLINDTRANSFER})');
  });

  it('asks for the one-line answer and splits it only when it is whole, in the tenant contexts and the shipped inbound context alike', async () => {
    const shipped = await readFile(new URL('../../docker/asterisk/extensions.conf', import.meta.url), 'utf8');
    for (const text of [renderTenantDialplan(acme), shipped]) {
      const lines = text.split('\n');
      const agi = lines.findIndex((l) => /AGI\(agi:\/\/\$\{SWITCHBOARD_AGI\}\/(route|inbound)\?/.test(l));
      expect(lines[agi - 1]).toBe(' same => n,Set(SWITCHBOARD_ANSWER=)'); // never a value left from before
      const split = lines.slice(agi + 1).filter((l) => !l.trimStart().startsWith(';')).slice(0, unpackAnswer.length);
      expect(split).toEqual(unpackAnswer);
      // Every field the server packs is read back, in its place; IS_ALLOWED last.
      ANSWER_FIELDS.forEach((name, i) => expect(split).toContain(` same => n,Set(${name}=\${CUT(SWITCHBOARD_ANSWER,|,${i + 1})})`));
      expect(split.at(-1)).toContain('Set(IS_ALLOWED=');
      expect(split[0]).toContain(`CUT(SWITCHBOARD_ANSWER,|,${ANSWER_FIELDS.length + 1})}" != "end"]?decided)`);
      expect(lines.some((l) => l.startsWith(' same => n(decided),'))).toBe(true);
    }
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
