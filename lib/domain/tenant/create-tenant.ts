import { isUniqueViolation } from '../../db/errors.ts';
import { conflict } from '../../errors.ts';
import { assertPlatformAdmin } from '../actor.ts';
import { recordAudit } from '../audit/record.ts';
import { dbOf, type Ctx } from '../context.ts';
import { parseInput } from '../parse.ts';
import { insertDid } from '../did/add-did.ts';
import { contextForSlug, tenantCreateInput, type TenantCreateInput } from './schemas.ts';
import { tenantAuditView } from './view.ts';

/** Creates a tenant, and its first inbound number when one is given, in one transaction. */
export async function createTenant(ctx: Ctx, input: TenantCreateInput) {
  assertPlatformAdmin(ctx.actor);
  const values = parseInput(tenantCreateInput, input);
  const db = dbOf(ctx);
  try {
    return await db.$transaction(async (tx) => {
      const clash = await tx.tenant.findFirst({
        where: { OR: [{ slug: values.slug }, { sipDomain: values.sipDomain }] },
        select: { slug: true, sipDomain: true },
      });
      if (clash) {
        const fields: Record<string, string[]> = {};
        if (clash.slug === values.slug) fields.slug = ['is already used by another tenant'];
        if (clash.sipDomain === values.sipDomain) fields.sipDomain = ['is already used by another tenant'];
        throw conflict('A tenant with this slug or SIP domain already exists', fields);
      }
      const { mainDid, ...fields } = values;
      let tenant = await tx.tenant.create({ data: { ...fields, context: contextForSlug(values.slug) } });
      await recordAudit(tx, ctx.actor, {
        action: 'tenant.create',
        tenantId: tenant.id,
        targetType: 'tenant',
        targetId: tenant.id,
        targetLabel: tenant.slug,
        after: tenantAuditView(tenant),
      });
      // In the same transaction: a tenant whose number is taken or invalid is not created either.
      const did = mainDid ? await insertDid(tx, ctx.actor, tenant, { number: mainDid }, 'mainDid') : null;
      if (did) tenant = { ...tenant, mainDidId: did.id };
      // mainDidE164: the first number as stored (E.164), for doors that echo it.
      return { ...tenant, mainDidE164: did?.e164 ?? null };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('A tenant with this slug or SIP domain already exists');
    throw err;
  }
}
