/**
 * Platform settings from the environment, for the doors that need a default the request does not
 * carry (the old systems' routes create tenants from a name alone).
 */
import { isSupportedRegion } from '../domain/phone/regions.ts';

/** TENANT_DOMAIN_SUFFIX: tenant `acme` gets SIP domain `acme.<suffix>`. null when unset or invalid. */
export function tenantDomainSuffix(): string | null {
  const raw = process.env.TENANT_DOMAIN_SUFFIX?.trim().toLowerCase().replace(/^\./, '');
  return raw && /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z][a-z0-9-]*[a-z0-9]$/.test(raw) ? raw : null;
}

/** DEFAULT_COUNTRY: the country new tenants dial in and DIDs are read in (US unless set). */
export function defaultCountry(): string {
  const raw = process.env.DEFAULT_COUNTRY?.trim().toUpperCase();
  return raw && isSupportedRegion(raw) ? raw : 'US';
}
