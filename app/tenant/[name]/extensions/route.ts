import { routeHandlers } from '@/lib/api/next-route';
import { legacyListUsersOp } from '@/lib/api/operations/legacy';

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers(legacyListUsersOp);
