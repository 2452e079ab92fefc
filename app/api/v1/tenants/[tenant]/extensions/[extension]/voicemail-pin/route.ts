import { routeHandlers } from '@/lib/api/next-route';
import { resetPinOp } from '@/lib/api/operations/extensions';

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers(resetPinOp);
