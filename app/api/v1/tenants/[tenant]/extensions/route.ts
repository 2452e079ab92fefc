import { routeHandlers } from '@/lib/api/next-route';
import { listExtensionsOp, createExtensionOp } from '@/lib/api/operations/extensions';

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers(listExtensionsOp, createExtensionOp);
