import { z } from 'zod';
import { CALL_DIRECTIONS, CALL_OUTCOMES } from '../../domain/calls/schemas.ts';
import type { CallView } from '../../domain/calls/view.ts';
import { pickSnake } from './pick.ts';

export const callResource = z
  .object({
    id: z.string().describe('Switchboard\'s id of the call.'),
    uniqueid: z.string().describe('Asterisk\'s uniqueid of the call (the cdr rows\' uniqueid).'),
    linkedid: z.string().nullable().describe('Asterisk\'s linkedid: the calls of one conversation (transfers) share it.'),
    direction: z.enum(CALL_DIRECTIONS),
    outcome: z.enum(CALL_OUTCOMES),
    reason: z.string().nullable().describe('Why Switchboard refused the call (the AGI deny reason), when it did.'),
    caller: z.string().nullable().describe('The calling number as Asterisk saw it.'),
    caller_name: z.string().nullable(),
    callee: z.string().nullable().describe('The number dialled (for inbound calls, the DID as received).'),
    caller_extension: z.string().nullable().describe('The tenant\'s extension that called, if one did.'),
    callee_extension: z.string().nullable().describe('The tenant\'s extension that was called, if one was.'),
    started_at: z.iso.datetime(),
    answered_at: z.iso.datetime().nullable(),
    ended_at: z.iso.datetime().nullable(),
    duration: z.int().describe('Seconds from start to end.'),
    billsec: z.int().describe('Seconds talked.'),
  })
  .meta({ id: 'Call' });

export const toCallResource = (c: CallView) => pickSnake(callResource, c);
