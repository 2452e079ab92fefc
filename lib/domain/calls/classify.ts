/**
 * What a cdr row means for an admin: whose call it is, which way it went and how it ended. Decided
 * here once (the ingest stores the answer), from what the row itself says and from the mark the
 * generated dialplan leaves in `userfield` (see CALL_MARK). Rows written before that mark existed
 * (or by another dialplan) are read from their shape, as cdr-sample.md describes it.
 */
import { isEmergencyNumber } from '../phone/emergency.ts';
import { endpointOfChannel, instantOf, nameOfClid, type CdrRow } from './cdr-row.ts';

export type CallDirection = 'internal' | 'outbound' | 'inbound' | 'emergency';
export type CallOutcome = 'answered' | 'missed' | 'busy' | 'failed' | 'refused';

/** What classification needs to know of Switchboard's tenants and extensions. */
export type CallLookup = {
  tenantById(id: string): CallTenant | undefined;
  tenantBySlug(slug: string): CallTenant | undefined;
  tenantByContext(context: string): CallTenant | undefined;
  extensionByEndpoint(endpointId: string): { id: string; tenantId: string } | undefined;
};
export type CallTenant = { id: string; slug: string; context: string; defaultCountry: string; extensionLength: number };

export type ClassifiedCall = {
  uniqueid: string;
  linkedid: string | null;
  tenantId: string | null;
  direction: CallDirection;
  outcome: CallOutcome;
  reason: string | null;
  caller: string | null;
  callerName: string | null;
  callee: string | null;
  callerExtensionId: string | null;
  calleeExtensionId: string | null;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  duration: number;
  billsec: number;
  disposition: string | null;
  legs: number;
};

/**
 * The generated dialplan's mark in CDR(userfield): `sb:<kind>:<decision>`, kind one of internal,
 * external, emergency, inbound, or dialled (refused before a kind was known); decision `ok` or the
 * AGI server's deny reason. Both parts come from Switchboard, never from the caller.
 */
export const CALL_MARK = /^sb:(internal|external|emergency|inbound|dialled):([a-z_]{1,40})$/;
export const INBOUND_CONTEXT = 'switchboard-inbound';

export function classifyCdr(row: CdrRow, lookup: CallLookup, zone = 'UTC'): ClassifiedCall | null {
  const startedAt = instantOf(row.start, zone);
  if (!row.uniqueid || !startedAt) return null; // not a call record we can place in time
  const mark = row.userfield ? CALL_MARK.exec(row.userfield) : null;
  const callerEndpoint = endpointOfChannel(row.channel);
  const calleeEndpoint = endpointOfChannel(row.dstchannel);
  const callerExt = callerEndpoint ? lookup.extensionByEndpoint(callerEndpoint) : undefined;
  const calleeExt = calleeEndpoint ? lookup.extensionByEndpoint(calleeEndpoint) : undefined;
  const inbound = mark?.[1] === 'inbound' || row.dcontext === INBOUND_CONTEXT;

  // Whose call: the calling phone's own tenant first (Asterisk's channel, not anything dialled).
  const tenant =
    (callerExt ? lookup.tenantById(callerExt.tenantId) : undefined) ??
    (row.accountcode ? lookup.tenantBySlug(row.accountcode) : undefined) ??
    (row.dcontext ? lookup.tenantByContext(row.dcontext) : undefined) ??
    (row.peeraccount ? lookup.tenantBySlug(row.peeraccount) : undefined) ??
    (calleeExt ? lookup.tenantById(calleeExt.tenantId) : undefined);

  const refusedBy = mark && mark[2] !== 'ok' ? mark[2] : null;
  // Without a mark, a refusal shows only by its shape: Hangup(21) with nobody dialled.
  const refusedByShape = !mark && row.lastapp === 'Hangup' && row.lastdata === '21' && !row.dstchannel && !row.answer;
  const outcome: CallOutcome = refusedBy || refusedByShape ? 'refused' : outcomeOf(row.disposition);

  return {
    uniqueid: row.uniqueid,
    linkedid: row.linkedid,
    tenantId: tenant?.id ?? null,
    direction: inbound ? 'inbound' : directionOf(mark?.[1], row, calleeExt, tenant),
    outcome,
    reason: refusedBy,
    caller: row.src,
    callerName: nameOfClid(row.clid),
    callee: row.dst,
    callerExtensionId: callerExt?.id ?? null,
    // A refused call never reached anyone, whatever the row names.
    calleeExtensionId: outcome === 'refused' ? null : (calleeExt?.id ?? null),
    startedAt,
    answeredAt: instantOf(row.answer, zone),
    endedAt: instantOf(row.end, zone),
    duration: row.duration ?? 0,
    billsec: row.billsec ?? 0,
    disposition: row.disposition,
    legs: 1,
  };
}

function directionOf(kind: string | undefined, row: CdrRow, calleeExt: { id: string } | undefined, tenant: CallTenant | undefined): CallDirection {
  if (kind === 'emergency') return 'emergency';
  if (kind === 'internal') return 'internal';
  if (kind === 'external') return 'outbound';
  const dst = row.dst ?? '';
  if (tenant && isEmergencyNumber(dst, tenant.defaultCountry)) return 'emergency';
  if (calleeExt) return 'internal';
  if (row.dstchannel) return 'outbound'; // a trunk leg
  // Nobody was dialled (refused, or no answer from the AGI server): judge by what was dialled.
  return tenant && /^[0-9]+$/.test(dst) && dst.length === tenant.extensionLength ? 'internal' : 'outbound';
}

function outcomeOf(disposition: string | null): CallOutcome {
  switch ((disposition ?? '').toUpperCase()) {
    case 'ANSWERED':
      return 'answered';
    case 'BUSY':
      return 'busy';
    case 'NO ANSWER':
    case 'CANCEL':
      return 'missed';
    default:
      return 'failed'; // FAILED, CONGESTION, or nothing said
  }
}

/** Which outcome a call of several legs had: answered if any leg was answered, and so on. */
const RANK: Record<CallOutcome, number> = { answered: 5, busy: 4, failed: 3, missed: 2, refused: 1 };

/**
 * One call from two records of the same uniqueid (a busy call writes the Dial leg and the
 * caller's continuation). Times span both; the more telling outcome wins, with its reason.
 */
export function mergeCalls(a: ClassifiedCall, b: ClassifiedCall): ClassifiedCall {
  const [hi, lo] = RANK[b.outcome] > RANK[a.outcome] ? [b, a] : [a, b];
  const earliest = (x: Date | null, y: Date | null) => (x && y ? (x < y ? x : y) : (x ?? y));
  const latest = (x: Date | null, y: Date | null) => (x && y ? (x > y ? x : y) : (x ?? y));
  return {
    ...hi,
    tenantId: hi.tenantId ?? lo.tenantId,
    linkedid: hi.linkedid ?? lo.linkedid,
    callerExtensionId: hi.callerExtensionId ?? lo.callerExtensionId,
    calleeExtensionId: hi.calleeExtensionId ?? lo.calleeExtensionId,
    callerName: hi.callerName ?? lo.callerName,
    startedAt: earliest(a.startedAt, b.startedAt)!,
    answeredAt: earliest(a.answeredAt, b.answeredAt),
    endedAt: latest(a.endedAt, b.endedAt),
    duration: Math.max(a.duration, b.duration),
    billsec: Math.max(a.billsec, b.billsec),
    legs: a.legs + b.legs,
  };
}
