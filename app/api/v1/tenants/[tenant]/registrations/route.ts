import { routeHandlers } from '@/lib/api/next-route';
import { listRegistrationsOp } from '@/lib/api/operations/status';

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers(listRegistrationsOp);
