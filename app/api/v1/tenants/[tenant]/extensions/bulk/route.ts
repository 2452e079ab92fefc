import { routeHandlers } from '@/lib/api/next-route';
import { bulkCreateExtensionsOp } from '@/lib/api/operations/extensions';

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers(bulkCreateExtensionsOp);
