import { describe, expect, it } from 'vitest';
import { variables } from '../../../agi-server/src/handlers.ts';
import { decideInbound, decideOutbound } from './decide.ts';
import { RoutingView } from './view.ts';

const view = new RoutingView();
view.putTenant({ id: 'A', slug: 'acme', country: 'US', trunk: 'itsp-us', active: true, allowPremium: false, context: 'tenant-acme' });
view.putTenant({ id: 'B', slug: 'beta', country: 'US', trunk: 'itsp-us', active: true, allowPremium: false, context: 'tenant-beta' });
view.putExtension({ id: 'a1', tenantId: 'A', number: '1001', endpointId: '1001@acme.example', active: true, allowExternal: true, voicemailId: 7 });
view.putExtension({ id: 'a2', tenantId: 'A', number: '1002', endpointId: '1002@acme.example', active: true, allowExternal: true, voicemailId: 8 });
view.putExtension({ id: 'a3', tenantId: 'A', number: '1003', endpointId: '1003@acme.example', active: true, allowExternal: true, voicemailId: null });
view.putExtension({ id: 'b2', tenantId: 'B', number: '1002', endpointId: '1002@beta.example', active: true, allowExternal: true, voicemailId: 9 });
view.putDid({ e164: '+12125550100', tenantId: 'A', extensionId: 'a2' });
view.putDid({ e164: '+12125550103', tenantId: 'A', extensionId: 'a3' });

describe('the mailbox an unanswered call goes to', () => {
  it('is the callee\'s own mailbox in its tenant\'s context, for internal and DID calls', () => {
    expect(decideOutbound(view, '1001@acme.example', '1002').mailbox).toBe('1002@tenant-acme');
    expect(decideOutbound(view, '1002@beta.example', '1002').mailbox).toBe('1002@tenant-beta');
    expect(decideInbound(view, '+12125550100').mailbox).toBe('1002@tenant-acme');
  });

  it('is empty when the callee has no mailbox, and for calls that are not internal', () => {
    expect(decideOutbound(view, '1001@acme.example', '1003').mailbox).toBe('');
    expect(decideInbound(view, '+12125550103').mailbox).toBe('');
    expect(decideOutbound(view, '1001@acme.example', '911').mailbox ?? '').toBe('');
    expect(decideOutbound(view, '1001@acme.example', '1099').mailbox ?? '').toBe('');
  });

  it('reaches the dialplan as VOICEMAIL_BOX, before IS_ALLOWED', () => {
    const vars = variables(decideOutbound(view, '1001@acme.example', '1002'));
    const names = vars.map(([n]) => n);
    expect(vars).toContainEqual(['VOICEMAIL_BOX', '1002@tenant-acme']);
    expect(names.indexOf('VOICEMAIL_BOX')).toBeLessThan(names.indexOf('IS_ALLOWED'));
    expect(names.at(-1)).toBe('IS_ALLOWED');
  });
});
