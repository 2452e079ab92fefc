import { ApiProblem } from './problem.ts';

export const MAX_BODY_BYTES = 1024 * 1024;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * The request's JSON body: 415 for another content type, 413 past 1 MiB (by Content-Length when
 * sent, else while reading, so a chunked body is never buffered whole), 400 for malformed JSON.
 * Returns the raw text too: idempotency keys compare the exact bytes.
 */
export async function readJsonBody(request: Request, optional: boolean): Promise<{ value: unknown; raw: string }> {
  const length = request.headers.get('content-length');
  const type = request.headers.get('content-type');
  if (length !== null && Number(length) > MAX_BODY_BYTES) throw tooLarge();
  if (!type && optional && (length === null || length === '0')) return { value: undefined, raw: '' };
  if (!type || !JSON_TYPE.test(type))
    throw new ApiProblem('unsupported-media-type', `Send the body as application/json${type ? `, not ${type.split(';')[0]}` : ' (Content-Type is missing)'}`);
  const raw = await readLimited(request);
  if (raw.trim() === '') {
    if (optional) return { value: undefined, raw };
    throw new ApiProblem('malformed-json', 'The body is empty; a JSON object is expected');
  }
  try {
    return { value: JSON.parse(raw), raw };
  } catch (err) {
    throw new ApiProblem('malformed-json', `The body is not valid JSON: ${(err as Error).message}`);
  }
}

async function readLimited(request: Request): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}

const tooLarge = () => new ApiProblem('payload-too-large', `The body is larger than ${MAX_BODY_BYTES} bytes (1 MiB)`);
