import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { dbOf, type Ctx } from '../context.ts';
import { listExtensions } from '../extension/list-extensions.ts';
import { extensionListQuery } from '../extension/schemas.ts';
import type { ExtensionView } from '../extension/view.ts';
import { EXPORT_COLUMNS, type ImportColumn } from '../import/columns.ts';
import { guardCell } from '../import/spreadsheet-cells.ts';
import { parseInput } from '../parse.ts';
import { findTenant } from '../tenant/get-tenant.ts';
import type { z } from 'zod';

/** The list's filters an export honours; the same schema reads them everywhere. */
export const exportFilters = extensionListQuery.pick({ q: true, active: true, allowExternal: true, adSynced: true });
export type ExportFilters = z.input<typeof exportFilters>;

/** The page size of the list: the export walks it page by page, never holding the tenant. */
const PAGE = 200;

type Row = Partial<Record<ImportColumn, string>>;

const flag = (b: boolean) => (b ? 'true' : 'false');

function rowOf(e: ExtensionView, didE164: Map<string, string>): Row {
  return {
    number: e.number,
    name: guardCell(e.displayName),
    email: guardCell(e.email ?? ''),
    allow_external: flag(e.allowExternal),
    active: flag(e.active),
    max_contacts: String(e.maxContacts),
    voicemail: e.hasVoicemail ? 'yes' : 'no',
    caller_id: e.callerIdDidId ? (didE164.get(e.callerIdDidId) ?? '') : '',
    ad_synced: flag(e.adSynced),
    ad_username: guardCell(e.adUsername ?? ''),
  };
}

/**
 * A tenant's extensions as CSV with the import's column names, streamed a page at a time, in
 * number order. Secrets and PINs are never in it: `voicemail` says whether a box exists, and an
 * import gives such a box a new PIN. An empty `caller_id` follows the tenant's main number.
 * The tenant check runs before the first byte, so a door can still answer "not found".
 */
export async function exportExtensionsCsv(ctx: Ctx, tenantRef: string, filters: ExportFilters = {}) {
  const query = parseInput(exportFilters, filters);
  const db = dbOf(ctx);
  const tenant = await findTenant(db, ctx.actor, tenantRef, 'read');
  const [first, dids] = await Promise.all([
    listExtensions(ctx, tenant.id, { ...query, limit: PAGE, withTotal: true }),
    db.did.findMany({ where: { tenantId: tenant.id }, select: { id: true, e164: true } }),
  ]);
  const didE164 = new Map(dids.map((d) => [d.id, d.e164]));

  async function* rows(): AsyncGenerator<Row> {
    for (let page = first; ; ) {
      for (const e of page.items) yield rowOf(e, didE164);
      if (!page.nextCursor) return;
      page = await listExtensions(ctx, tenant.id, { ...query, limit: PAGE, cursor: page.nextCursor });
    }
  }
  // pipeline, not pipe: a database error mid-way fails the CSV stream instead of ending it early.
  const csv = pipeline(Readable.from(rows()), stringify({ header: true, columns: [...EXPORT_COLUMNS] }), () => {});
  const date = new Date().toISOString().slice(0, 10);
  return { tenant: { id: tenant.id, slug: tenant.slug }, total: first.total ?? 0, fileName: `${tenant.slug}-extensions-${date}.csv`, csv };
}
