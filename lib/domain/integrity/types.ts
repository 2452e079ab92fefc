/**
 * The shape of `db verify`: a check looks at the database and names the rows that are wrong; a
 * check that may safely put them right also has a repair. Both are plain functions of a
 * database client and the scope, so a test or another door can run one on its own.
 */
import type { Tx } from '../../db/client.ts';
import type { Scope } from './scope.ts';

/** At most this many rows of a check are listed; the count says how many there are in all. */
export const SAMPLE_ROWS = 50;

/** One wrong thing, named so an operator can find it: the tenant, the table and the row's id. */
export type Finding = { tenant: string | null; table: string; id: string; detail: string };

/** One repair as it was made: a row deleted or a field set. */
export type Repair = { tenant: string | null; table: string; id: string; done: string };

export type Inspection = {
  /** How many rows are wrong (0: all is well). */
  count: number;
  /** The first SAMPLE_ROWS of them. */
  rows: Finding[];
  /** One line: what was seen when all is well, what is wrong otherwise. */
  summary: string;
};

export type IntegrityCheck = {
  id: string;
  title: string;
  /**
   * `connection`: needs only a database that answers. `records`: reads our tables and Asterisk's,
   * so it is skipped while they are missing (a database never migrated).
   */
  needs: 'connection' | 'records';
  /** Why the rows matter, and what to do about what --fix does not repair. */
  advice: string;
  inspect(db: Tx, scope: Scope): Promise<Inspection>;
  /** Puts right what inspect finds, inside the caller's transaction; absent: not safe to repair. */
  repair?(tx: Tx, scope: Scope): Promise<Repair[]>;
};

export type CheckStatus = 'ok' | 'problem' | 'fixed' | 'error' | 'skipped';

export type CheckReport = {
  id: string;
  title: string;
  status: CheckStatus;
  fixable: boolean;
  summary: string;
  /** Rows found wrong (before any repair). */
  count: number;
  rows: Finding[];
  advice?: string;
  /** With --fix: every repair made, in the order made. */
  repairs?: Repair[];
  /** With --fix: rows still wrong after the repair. */
  remaining?: number;
  error?: string;
};

export type IntegrityReport = {
  /** Nothing is left wrong: every check is ok or was fixed. */
  ok: boolean;
  fix: boolean;
  tenant: string | null;
  checks: CheckReport[];
  counts: Record<CheckStatus, number>;
};

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** Rows of a sampled query (`count(*) OVER ()` as total) as an inspection. */
export function sampled<R extends { total: number }>(rows: R[], finding: (r: R) => Finding, summary: (count: number) => string): Inspection {
  const count = rows[0]?.total ?? 0;
  return { count, rows: rows.map(finding), summary: summary(count) };
}
