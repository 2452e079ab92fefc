import { Prisma } from '../../generated/prisma/client.ts';
import { dbOf, type Ctx } from '../context.ts';
import { findExtension } from '../extension/load.ts';
import { findTenant, tenantIdsInReach } from '../tenant/get-tenant.ts';
import { ingestContacts } from './ingest-contacts.ts';

/** At most this many contact changes are recorded before a page is read; the rest by the job. */
const CATCH_UP_ROWS = 5_000;

/** The devices an extension was used from, last seen first, and its latest registration changes. */
export async function extensionDevices(ctx: Ctx, extensionId: string, options: { events?: number } = {}) {
  const db = dbOf(ctx);
  const ext = await findExtension(db, ctx.actor, extensionId, 'read');
  await ingestContacts(db, { maxRows: CATCH_UP_ROWS });
  const [devices, events] = await Promise.all([
    db.device.findMany({ where: { extensionId: ext.id }, orderBy: { lastSeen: 'desc' } }),
    db.registrationEvent.findMany({ where: { extensionId: ext.id }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take: options.events ?? 10 }),
  ]);
  return { devices, events };
}

export type PhoneModel = { vendor: string | null; model: string | null; firmware: string | null; devices: number; lastSeen: Date };

/** A tenant's phones by model and firmware (which phones need the new firmware?). */
export async function tenantPhoneModels(ctx: Ctx, tenantRef: string): Promise<PhoneModel[]> {
  const db = dbOf(ctx);
  const tenant = await findTenant(db, ctx.actor, tenantRef, 'read');
  await ingestContacts(db, { maxRows: CATCH_UP_ROWS });
  return db.$queryRaw<PhoneModel[]>`
    SELECT vendor, model, firmware, count(*)::int AS devices, max(last_seen) AS "lastSeen"
      FROM sb_devices WHERE tenant_id = ${tenant.id}::uuid
     GROUP BY vendor, model, firmware ORDER BY devices DESC, vendor NULLS LAST, model NULLS LAST, firmware NULLS LAST`;
}

/**
 * Registered phones over time: the samples of one tenant (or of every tenant in reach, summed),
 * the highest per hour or day, on the given clock.
 */
export async function registeredOverTime(ctx: Ctx, tenantRef: string | null, q: { from: Date; to: Date; zone: string; bucket: 'hour' | 'day' }) {
  const db = dbOf(ctx);
  const scope = await tenantIdsInReach(db, ctx.actor, tenantRef);
  const filter = scope ? Prisma.sql`AND tenant_id = ANY(${scope}::uuid[])` : Prisma.empty;
  const unit = q.bucket === 'hour' ? Prisma.sql`'hour'` : Prisma.sql`'day'`;
  const rows = await db.$queryRaw<{ start: Date; registered: number }[]>`
    SELECT date_trunc(${unit}, at AT TIME ZONE ${q.zone}) AS start, max(total)::int AS registered
      FROM (SELECT at, sum(registered) AS total FROM sb_registration_samples WHERE at >= ${q.from} AND at < ${q.to} ${filter} GROUP BY at) s
     GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => ({ start: r.start.toISOString().slice(0, q.bucket === 'hour' ? 13 : 10), registered: r.registered }));
}
