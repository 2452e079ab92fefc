import { buildOpenApi } from '@/lib/api/openapi';
import { OPERATIONS } from '@/lib/api/operations';
import { originOf } from '@/lib/api/pipeline';

let doc: string | undefined;

/** The OpenAPI document: public, like any API's reference, and the same for every caller. */
export function GET(request: Request) {
  doc ??= JSON.stringify(buildOpenApi(OPERATIONS));
  const origin = originOf(request);
  const body = doc.replace(/^\{/, `{"servers":[{"url":${JSON.stringify(origin)}}],`);
  return new Response(body, { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' } });
}
