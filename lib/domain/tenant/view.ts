import type { Tenant } from '../../generated/prisma/client.ts';

export const tenantAuditView = (t: Tenant) => ({
  slug: t.slug,
  name: t.name,
  sipDomain: t.sipDomain,
  context: t.context,
  defaultCountry: t.defaultCountry,
  outboundTrunk: t.outboundTrunk,
  extensionLength: t.extensionLength,
  status: t.status,
  secretStorage: t.secretStorage,
  transport: t.transport,
  codecs: t.codecs,
  allowPremium: t.allowPremium,
});
