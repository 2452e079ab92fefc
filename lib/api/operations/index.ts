import type { Operation } from '../operation.ts';
import { listCallsOp } from './calls.ts';
import { addDidOp, listDidsOp, removeDidOp, setMainDidOp } from './dids.ts';
import {
  bulkCreateExtensionsOp, createExtensionOp, deleteExtensionOp, getExtensionOp, listExtensionsOp, resetPinOp, rotateSecretOp, updateExtensionOp,
} from './extensions.ts';
import {
  legacyCreateExtensionOp, legacyCreateTenantOp, legacyCreateUserOp, legacyDeleteExtensionOp, legacyListExtensionsOp, legacyListTenantsOp,
  legacyListUsersOp, legacyUpdateExtensionOp,
} from './legacy.ts';
import { callTestOp, listAuditOp, listRegistrationsOp } from './status.ts';
import { createTenantOp, deleteTenantOp, getTenantOp, listTenantsOp, updateTenantOp } from './tenants.ts';

/** Every operation, in the order the reference shows them. */
export const OPERATIONS: Operation[] = [
  listTenantsOp, createTenantOp, getTenantOp, updateTenantOp, deleteTenantOp,
  listExtensionsOp, createExtensionOp, bulkCreateExtensionsOp, getExtensionOp, updateExtensionOp, deleteExtensionOp, rotateSecretOp, resetPinOp,
  listDidsOp, addDidOp, removeDidOp, setMainDidOp,
  listRegistrationsOp, callTestOp, listCallsOp, listAuditOp,
  legacyCreateTenantOp, legacyListTenantsOp, legacyCreateUserOp, legacyListUsersOp,
  legacyListExtensionsOp, legacyCreateExtensionOp, legacyUpdateExtensionOp, legacyDeleteExtensionOp,
];
