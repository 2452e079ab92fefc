import { routeHandlers } from '@/lib/api/next-route';
import { getTenantOp, updateTenantOp, deleteTenantOp } from '@/lib/api/operations/tenants';

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers(getTenantOp, updateTenantOp, deleteTenantOp);
