import { routeHandlers } from '@/lib/api/next-route';
import { listTenantsOp, createTenantOp } from '@/lib/api/operations/tenants';

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers(listTenantsOp, createTenantOp);
