import { z } from 'zod';
import type { Decision } from '../../domain/routing/decide.ts';

export const decisionResource = z
  .object({
    allowed: z.boolean(),
    type: z.enum(['INTERNAL', 'EXTERNAL', 'EMERGENCY', 'DENIED']),
    dial_target: z.string().describe('What the AGI server hands to Dial(): PJSIP/<endpoint> or PJSIP/<e164>@<trunk>.'),
    e164: z.string(),
    caller_id: z.string().describe('The E.164 number presented on a call through the trunk; empty keeps the extension number.'),
    mailbox: z.string().describe('Internal calls: the callee\'s mailbox; empty for none.'),
    deny_reason: z.string().describe('A stable code such as external_not_allowed; empty when allowed.'),
    tenant: z.string(),
    reasons: z.array(z.string()).describe('Why, in words, step by step.'),
  })
  .meta({ id: 'CallDecision' });

export const toDecisionResource = (d: Decision): z.output<typeof decisionResource> => ({
  allowed: d.allowed,
  type: d.type,
  dial_target: d.dialTarget,
  e164: d.e164,
  caller_id: d.callerId,
  mailbox: d.mailbox ?? '',
  deny_reason: d.denyReason,
  tenant: d.tenant,
  reasons: d.reasons,
});
