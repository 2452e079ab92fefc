import { routeHandlers } from '@/lib/api/next-route';
import { legacyCreateUserOp } from '@/lib/api/operations/legacy';

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers(legacyCreateUserOp);
