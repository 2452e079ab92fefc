import { isEmergencyNumber } from '../phone/emergency.ts';
import {
  extensionInputFor,
  extensionUpdateInputFor,
  numberShapeProblems,
  type TenantNumbering,
} from './schemas.ts';

const emergency = (number: string, tenant: TenantNumbering) =>
  isEmergencyNumber(number, tenant.defaultCountry) ? ['is an emergency number'] : [];

/** Every rule for a number in a tenant, including the server-only emergency check. */
export const numberProblems = (number: string, tenant: TenantNumbering) =>
  /^[0-9]+$/.test(number) ? [...numberShapeProblems(number, tenant), ...emergency(number, tenant)] : ['digits only'];

export const extensionRulesFor = (tenant: TenantNumbering) => extensionInputFor(tenant, emergency);
export const extensionUpdateRulesFor = (tenant: TenantNumbering) => extensionUpdateInputFor(tenant, emergency);
