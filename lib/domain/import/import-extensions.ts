import { LONG_TRANSACTION, type Tx } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { conflict } from '../../errors.ts';
import { recordAudit } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { insertExtensions } from '../extension/insert-rows.ts';
import { prepareExtensions, type PreparedExtension } from '../extension/prepare.ts';
import { generatePin } from '../extension/reset-voicemail-pin.ts';
import { findTenant } from '../tenant/get-tenant.ts';
import { addRuleErrors, pendingRow, type PendingRow } from './pending-row.ts';
import type { ImportReader } from './reader.ts';
import { describeAt, type GeneratedSecret, type ImportReport, type RowOutcome } from './report.ts';

/**
 * Rows per multi-row INSERT. Larger chunks are no faster (100,000 rows take about 20 s either way)
 * but leave more garbage between collections, and Prisma's debug module keeps the parameters of
 * its last hundred calls: with 2,000 the import of 100,000 rows (bench/import.ts) peaked above
 * 1 GiB, with 500 it stays near 700 MiB.
 */
const CHUNK = 500;

export type ImportPhase = 'read' | 'check' | 'write';

export type ImportOptions = {
  /** The file's name, for the report and the audit log. */
  file: string;
  /** Check everything, write nothing. */
  dryRun?: boolean;
  /** A number the tenant already has: skipped (YAML; CSV with --skip-existing) or an error (CSV). */
  existing: 'skip' | 'error';
  /** Write the valid rows even when others have errors (YAML's --partial). */
  partial?: boolean;
  onProgress?: (phase: ImportPhase, done: number, total?: number) => void;
};

/**
 * Imports a file of extensions into a tenant. Every row is read and checked by the same rules as
 * every other door (extension/prepare.ts) before anything is written; then the valid rows are
 * written in one transaction, in chunks, all or nothing (or, with `partial`, the valid ones).
 * Generated secrets and voicemail PINs come back once, in the report.
 */
export async function importExtensions(ctx: Ctx, tenantRef: string, reader: ImportReader, options: ImportOptions): Promise<ImportReport> {
  const db = dbOf(ctx);
  const tenant = await findTenant(db, ctx.actor, tenantRef, 'write');
  const progress = options.onProgress ?? (() => {});
  const rows: PendingRow[] = [];
  for await (const row of reader.rows()) {
    rows.push(pendingRow(row));
    if (rows.length % 1_000 === 0) progress('read', rows.length);
  }
  progress('read', rows.length, rows.length);
  const report: ImportReport = {
    format: reader.format,
    file: options.file,
    tenant: tenant.slug,
    dryRun: Boolean(options.dryRun),
    unreadable: reader.fileErrors.length > 0,
    outcome: 'failed',
    counts: { rows: rows.length, valid: 0, created: 0, skipped: 0, errors: 0 },
    errors: [...reader.fileErrors],
    warnings: reader.warnings,
    outcomes: [],
    secrets: [],
  };
  if (reader.fileErrors.length) return report;

  const run = async (tx: Tx) => {
    const current = options.dryRun ? tenant : await findTenant(tx, ctx.actor, tenant.id, 'write');
    progress('check', 0, rows.length);
    const { prepared, errors, present } = await prepareExtensions(tx, current, rows.map((r) => r.input), {
      existing: options.existing,
      keepValid: true,
      rowName: (i) => describeAt(rows[i].at),
    });
    addRuleErrors(rows, errors);
    progress('check', rows.length, rows.length);
    const { valid, wantsPin, skipped, bad } = classify(rows, prepared, present, report);
    // The rows' inputs are not needed any more (the prepared values are copies): at 100,000 rows
    // letting them go keeps the write phase's heap, and so the process's memory, much smaller.
    rows.length = 0;
    report.counts = { ...report.counts, valid: valid.length, skipped, errors: bad };
    // --partial with nothing valid writes nothing either: that is a failure, not a partial import.
    report.outcome = bad === 0 ? 'done' : options.partial && valid.length ? 'partial' : 'failed';
    if (report.outcome === 'failed') return report;
    report.counts.created = valid.length;
    if (options.dryRun) return report;

    report.secrets = withGeneratedPins(valid, wantsPin);
    // Each chunk is let go once written: V8 lets the heap grow to a few times what is live.
    prepared.length = 0;
    const total = valid.length;
    for (let done = 0; valid.length; ) {
      const chunk = valid.splice(0, CHUNK);
      await insertExtensions(tx, ctx.actor, current, chunk);
      progress('write', (done += chunk.length), total);
    }
    await recordAudit(tx, ctx.actor, {
      action: 'extension.import',
      tenantId: current.id,
      targetType: 'tenant',
      targetId: current.id,
      targetLabel: current.slug,
      after: { format: reader.format, file: options.file, created: total, skipped, errors: bad, partial: report.outcome === 'partial' },
    });
    return report;
  };

  if (options.dryRun) return run(db);
  try {
    return await db.$transaction(run, LONG_TRANSACTION);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('Some numbers were taken while the import was being written; nothing was created');
    throw err;
  }
}

/**
 * Sorts the checked rows: the valid prepared ones (a prepared row whose line has a problem of its
 * own, such as a bad flag, is not), the numbers that want a generated PIN, and each row's outcome
 * and errors into the report.
 */
function classify(rows: PendingRow[], prepared: PreparedExtension[], present: number[], report: ImportReport) {
  // A row of a number already present that has a problem of its own is an error, not a skip.
  const skipped = new Set(present.filter((i) => !rows[i].issues.length));
  const valid = prepared.filter((p) => !rows[p.index].issues.length);
  const wantsPin = new Set(valid.filter((p) => rows[p.index].generatePin).map((p) => p.values.number));
  let bad = 0;
  const outcomes = rows.map((r, i): RowOutcome => {
    const number = r.input.number.trim();
    if (!r.issues.length) return skipped.has(i) ? { at: r.at, number, action: 'skip', reasons: ['already present'] } : { at: r.at, number, action: 'create' };
    bad++;
    report.errors.push(...r.issues);
    return { at: r.at, number, action: 'error', reasons: r.issues.map((x) => (x.column ? `${x.column}: ${x.message}` : x.message)) };
  });
  if (report.dryRun) report.outcomes = outcomes;
  return { valid, wantsPin, skipped: skipped.size, bad };
}

/** Gives each `voicemail: yes` row without a PIN a generated one, and lists every generated secret. */
function withGeneratedPins(valid: PreparedExtension[], wantsPin: Set<string>): GeneratedSecret[] {
  const out: GeneratedSecret[] = [];
  for (const p of valid) {
    const pin = wantsPin.has(p.values.number) ? generatePin(p.values.number) : undefined;
    if (pin) p.values.voicemailPin = pin;
    if (p.secretGenerated || pin) out.push({ number: p.values.number, ...(p.secretGenerated ? { secret: p.secret } : {}), ...(pin ? { voicemailPin: pin } : {}) });
  }
  return out;
}
