import { routeHandlers } from '@/lib/api/next-route';
import { legacyUpdateExtensionOp, legacyDeleteExtensionOp } from '@/lib/api/operations/legacy';

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers(legacyUpdateExtensionOp, legacyDeleteExtensionOp);
