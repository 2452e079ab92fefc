import { routeHandlers } from '@/lib/api/next-route';
import { listDidsOp, addDidOp } from '@/lib/api/operations/dids';

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers(listDidsOp, addDidOp);
