import { ApiProblem, problemResponse } from '@/lib/api/problem';

/** Anything under /api/v1 that names no resource: a problem document, not the portal's 404 page. */
const notFound = async () => problemResponse(new ApiProblem('not-found', 'No such resource; the API reference lists them at /api/v1/openapi.json'));

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
