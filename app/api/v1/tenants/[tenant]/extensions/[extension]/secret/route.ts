import { routeHandlers } from '@/lib/api/next-route';
import { rotateSecretOp } from '@/lib/api/operations/extensions';

export const { GET, POST, PUT, PATCH, DELETE } = routeHandlers(rotateSecretOp);
