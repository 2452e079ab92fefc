/**
 * `db verify`: runs every check, and with `fix` repairs what a check may safely repair, one
 * transaction and one audit record (`integrity.fix`) per check, then looks again so the report
 * says what is left. The whole database is the subject, so only a platform admin may run it.
 */
import { LONG_TRANSACTION, type Db, type Tx } from '../../db/client.ts';
import { assertPlatformAdmin, type Actor } from '../actor.ts';
import { recordAudit } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { findTenant } from '../tenant/get-tenant.ts';
import { firstLine } from './checks/connection.ts';
import { CHECKS } from './registry.ts';
import { presentTables, RECORD_TABLES, type Scope } from './scope.ts';
import type { CheckReport, CheckStatus, IntegrityCheck, IntegrityReport, Repair } from './types.ts';

export type VerifyOptions = {
  fix?: boolean;
  /** A tenant's id or slug: only its rows (the database checks still run). */
  tenant?: string | null;
};

/** At most this many repairs of one tenant are copied into an audit record; the count is always there. */
const AUDIT_ROWS = 1_000;

export async function verifyIntegrity(ctx: Ctx, options: VerifyOptions = {}): Promise<IntegrityReport> {
  assertPlatformAdmin(ctx.actor);
  const db = dbOf(ctx);
  const fix = Boolean(options.fix);
  const checks: CheckReport[] = [];
  let scope: Scope | null = null;
  let unreachable = false;
  let recordsSkipped: string | null = null;

  for (const check of CHECKS) {
    if (unreachable) {
      checks.push(skipped(check, 'the database cannot be reached'));
      continue;
    }
    if (check.needs === 'records' && !scope && !recordsSkipped) {
      const tables = await presentTables(db);
      const missing = RECORD_TABLES.filter((t) => !tables.has(t));
      if (missing.length) recordsSkipped = `tables missing (${missing.join(', ')}): run switchboard db migrate`;
      else {
        const tenant = options.tenant ? await findTenant(db, ctx.actor, options.tenant, 'read') : null;
        scope = { tenant: tenant && { id: tenant.id, slug: tenant.slug }, tables };
      }
    }
    if (check.needs === 'records' && recordsSkipped) {
      checks.push(skipped(check, recordsSkipped));
      continue;
    }
    const report = await runCheck(db, ctx.actor, check, scope ?? { tenant: null, tables: new Set() }, fix);
    checks.push(report);
    if (check.id === 'connection' && report.status !== 'ok') unreachable = true;
  }

  const counts: Record<CheckStatus, number> = { ok: 0, problem: 0, fixed: 0, error: 0, skipped: 0 };
  for (const c of checks) counts[c.status]++;
  return {
    ok: checks.every((c) => c.status === 'ok' || c.status === 'fixed'),
    fix,
    tenant: scope?.tenant?.slug ?? options.tenant ?? null,
    checks,
    counts,
  };
}

async function runCheck(db: Db, actor: Actor, check: IntegrityCheck, scope: Scope, fix: boolean): Promise<CheckReport> {
  const base = { id: check.id, title: check.title, fixable: Boolean(check.repair) };
  let found;
  try {
    found = await check.inspect(db, scope);
  } catch (err) {
    return { ...base, status: 'error', summary: 'the check itself failed', count: 0, rows: [], error: firstLine(err) };
  }
  const report: CheckReport = { ...base, status: found.count ? 'problem' : 'ok', summary: found.summary, count: found.count, rows: found.rows };
  if (!found.count) return report;
  report.advice = check.advice;
  if (!fix || !check.repair) return report;

  try {
    report.repairs = await db.$transaction(async (tx) => {
      const repairs = await check.repair!(tx, scope);
      await auditRepairs(tx, actor, check, repairs);
      return repairs;
    }, LONG_TRANSACTION);
  } catch (err) {
    return { ...report, error: `the repair failed and was rolled back: ${firstLine(err)}` };
  }
  try {
    const after = await check.inspect(db, scope);
    report.remaining = after.count;
    report.status = after.count ? 'problem' : 'fixed';
  } catch (err) {
    report.error = `repaired, but the check failed when it looked again: ${firstLine(err)}`;
    report.status = 'error';
  }
  return report;
}

/** One record per tenant the repairs touched (and one for rows of no tenant), so each tenant's log shows its own. */
async function auditRepairs(tx: Tx, actor: Actor, check: IntegrityCheck, repairs: Repair[]) {
  if (!repairs.length) return;
  const bySlug = new Map<string | null, Repair[]>();
  for (const r of repairs) {
    const rows = bySlug.get(r.tenant);
    if (rows) rows.push(r);
    else bySlug.set(r.tenant, [r]);
  }
  const slugs = [...bySlug.keys()].filter((s): s is string => s !== null);
  const tenants = await tx.tenant.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  const idOf = new Map(tenants.map((t) => [t.slug, t.id]));
  for (const [slug, rows] of bySlug)
    await recordAudit(tx, actor, {
      action: 'integrity.fix',
      tenantId: slug ? (idOf.get(slug) ?? null) : null,
      targetType: 'integrity_check',
      targetId: check.id,
      targetLabel: check.title,
      after: { repairs: rows.length, rows: rows.slice(0, AUDIT_ROWS).map(({ table, id, done }) => ({ table, id, done })) },
    });
}

const skipped = (check: IntegrityCheck, why: string): CheckReport => ({
  id: check.id,
  title: check.title,
  status: 'skipped',
  fixable: Boolean(check.repair),
  summary: `skipped: ${why}`,
  count: 0,
  rows: [],
});
