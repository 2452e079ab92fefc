import { routeHandlers } from '@/lib/api/next-route';
import { getExtensionOp, updateExtensionOp, deleteExtensionOp } from '@/lib/api/operations/extensions';

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers(getExtensionOp, updateExtensionOp, deleteExtensionOp);
