import type { Call } from '../../generated/prisma/client.ts';

/** A call as every door shows it; the extension numbers are the tenant's, when an extension took part. */
export type CallView = {
  id: string;
  uniqueid: string;
  linkedid: string | null;
  direction: Call['direction'];
  outcome: Call['outcome'];
  reason: string | null;
  caller: string | null;
  callerName: string | null;
  callee: string | null;
  callerExtension: string | null;
  calleeExtension: string | null;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  duration: number;
  billsec: number;
};

type Row = Call & { callerExtension: { number: string } | null; calleeExtension: { number: string } | null };

export const toCallView = (c: Row): CallView => ({
  id: String(c.id),
  uniqueid: c.uniqueid,
  linkedid: c.linkedid,
  direction: c.direction,
  outcome: c.outcome,
  reason: c.reason,
  caller: c.caller,
  callerName: c.callerName,
  callee: c.callee,
  callerExtension: c.callerExtension?.number ?? null,
  calleeExtension: c.calleeExtension?.number ?? null,
  startedAt: c.startedAt,
  answeredAt: c.answeredAt,
  endedAt: c.endedAt,
  duration: c.duration,
  billsec: c.billsec,
});
