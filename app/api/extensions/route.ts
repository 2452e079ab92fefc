import { routeHandlers } from '@/lib/api/next-route';
import { legacyListExtensionsOp, legacyCreateExtensionOp } from '@/lib/api/operations/legacy';

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers(legacyListExtensionsOp, legacyCreateExtensionOp);
