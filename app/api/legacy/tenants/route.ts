// GET /tenants of the old systems: proxy.ts sends API clients here (the portal's page owns /tenants).
import { routeHandlers } from '@/lib/api/next-route';
import { legacyListTenantsOp } from '@/lib/api/operations/legacy';

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers(legacyListTenantsOp);
