import { routeHandlers } from '@/lib/api/next-route';
import { removeDidOp } from '@/lib/api/operations/dids';

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers(removeDidOp);
