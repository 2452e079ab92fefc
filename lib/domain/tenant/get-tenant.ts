import { dialectOf, mysqlDialect, postgresDialect, type Dialect } from '../../db/dialect.ts';
import { sqlRows, type SqlTx } from '../../db/sql.ts';
import { Prisma, type Tenant } from '../../generated/prisma/client.ts';
import { notFound } from '../../errors.ts';
import { assertTenantAccess, tenantScope, type Actor } from '../actor.ts';
import { dbOf, type Ctx } from '../context.ts';
import { isUuid } from '../ids.ts';
import { slugSchema } from './schemas.ts';

/** A tenant by id or slug, within the actor's reach; another tenant's is "not found". */
export async function getTenant(ctx: Ctx, idOrSlug: string) {
  return findTenant(dbOf(ctx), ctx.actor, idOrSlug, 'read');
}

export async function findTenant(db: SqlTx, actor: Actor, idOrSlug: string, mode: 'read' | 'write') {
  const scope = tenantScope(actor);
  // Anything else (a NUL byte, say, which PostgreSQL refuses outright) cannot name a tenant.
  const slug = slugSchema.safeParse(idOrSlug);
  const byId = isUuid(idOrSlug);
  if (!byId && !slug.success) throw notFound('Tenant');
  // Every tenant-scoped request starts here: a prepared statement on the pool, not a Prisma query.
  const d = dialectOf(db);
  const key = byId ? Prisma.sql`id = ${d.uuid(idOrSlug.toLowerCase())}` : Prisma.sql`slug = ${slug.data}`;
  const reach = scope ? Prisma.sql`AND id = ${d.uuid(scope)}` : Prisma.empty;
  const [row] = await sqlRows<TenantRow>(db, Prisma.sql`SELECT ${tenantColumns(d)} FROM sb_tenants WHERE ${key} ${reach}`, { booleans: ['allowPremium'] });
  if (!row) throw notFound('Tenant');
  const tenant: Tenant = { ...row, createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt) };
  assertTenantAccess(actor, tenant.id, mode);
  return tenant;
}

type TenantRow = Omit<Tenant, 'createdAt' | 'updatedAt'> & { createdAt: number; updatedAt: number };

/** Every column of sb_tenants under its Prisma field name (a test compares the row with Prisma's). */
const tenantColumns = (d: Dialect) => (d.engine === 'mariadb' ? MYSQL_COLUMNS : POSTGRES_COLUMNS);
const columns = (d: Dialect) => Prisma.raw(`${d.cast('id', 'text').text} AS id, slug, name, sip_domain AS "sipDomain", context, default_country AS "defaultCountry",
  outbound_trunk AS "outboundTrunk", ${d.cast('extension_length', 'int4').text} AS "extensionLength", ${d.cast('status', 'text').text} AS status,
  ${d.cast('secret_storage', 'text').text} AS "secretStorage", transport, codecs, allow_premium AS "allowPremium", ${d.cast('main_did_id', 'text').text} AS "mainDidId",
  ${d.epochMs('created_at', 'createdAt')}, ${d.epochMs('updated_at', 'updatedAt')}`);
const POSTGRES_COLUMNS = columns(postgresDialect);
const MYSQL_COLUMNS = columns(mysqlDialect);

/**
 * The tenants a figure covers: the one named (within the actor's reach, else "not found"), or
 * with none named every tenant the actor reaches: its own, or null for all of them.
 */
export async function tenantIdsInReach(db: SqlTx, actor: Actor, tenantRef: string | null): Promise<string[] | null> {
  if (tenantRef) return [(await findTenant(db, actor, tenantRef, 'read')).id];
  const scope = tenantScope(actor);
  return scope ? [scope] : null;
}
