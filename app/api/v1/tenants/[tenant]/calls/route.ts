import { routeHandlers } from '@/lib/api/next-route';
import { listCallsOp } from '@/lib/api/operations/calls';

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers(listCallsOp);
