import { routeHandlers } from '@/lib/api/next-route';
import { setMainDidOp } from '@/lib/api/operations/dids';

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers(setMainDidOp);
