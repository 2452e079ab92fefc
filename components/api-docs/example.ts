/**
 * Example requests built from the schemas: the required fields with values that look like a real
 * call and pass the API's own validation (test/api-docs-example.test.ts holds them to that).
 */
import type { ApiDoc, Endpoint, Schema } from './document';
import { requestSchema } from './document';
import { hasFields, resolve, unwrapNullable, variantsOf } from './schema';

/** Values by field or parameter name: what a reader would expect, not just something valid. */
const BY_NAME: Record<string, unknown> = {
  slug: 'acme',
  name: 'Acme Corp',
  tenant: 'acme',
  sip_domain: 'acme.example.com',
  default_country: 'US',
  number: '1001',
  extension: '1001',
  extension_number: '1001',
  username: '1001',
  from: '1001',
  dial: '1002',
  display_name: 'Alice Example',
  email: 'alice@example.com',
  did: '+15551234567',
  inbound_did: '+15551234567',
  caller_id: '+15551234567',
  label: 'Main line',
  password: 'Vq7-xR2t-Lp9w-Kd4m',
  secret: 'Vq7-xR2t-Lp9w-Kd4m',
  outbound_trunk: 'trunk-main',
  codecs: 'g722,ulaw,alaw',
};

/** Where one name means different things: the old systems' tenant name is its slug, and so on. */
const BY_OPERATION: Record<string, Record<string, unknown>> = {
  addDid: { number: '+15551234567' },
  legacyCreateTenant: { name: 'acme' },
  legacyCreateTenantExtension: { name: 'acme' },
  legacyListTenantExtensions: { name: 'acme' },
  legacyCreateExtension: { name: 'Alice Example' },
  legacyUpdateExtension: { name: 'Alice Example' },
};

/** A body that changes nothing is no example: with no required field, show one of these. */
const PREFERRED_OPTIONAL = ['display_name', 'name', 'label'];

const FORMATS: Record<string, string> = {
  email: 'alice@example.com',
  uuid: '3f1c2a9e-5b7d-4e8f-9a01-2b3c4d5e6f70',
  'date-time': '2025-01-31T09:30:00Z',
  date: '2025-01-31',
  uri: 'https://example.com/',
};

type Names = Record<string, unknown>;

function exampleString(s: Schema): string {
  if (s.format && FORMATS[s.format]) return FORMATS[s.format];
  if (s.pattern === '^[0-9]+$') return '1001';
  const min = s.minLength ?? 1;
  const max = s.maxLength ?? 40;
  return 'example'.padEnd(min, 'x').slice(0, Math.max(min, Math.min(max, 7)));
}

function exampleNumber(s: Schema): number {
  const min = s.minimum !== undefined && Math.abs(s.minimum) < Number.MAX_SAFE_INTEGER ? s.minimum : undefined;
  const max = s.maximum !== undefined && Math.abs(s.maximum) < Number.MAX_SAFE_INTEGER ? s.maximum : undefined;
  if (min !== undefined && min > 1) return min;
  if (max !== undefined && max < 1) return max;
  return 1;
}

/** A plausible value for a schema; `field` is the name it is known by. */
export function exampleValue(doc: ApiDoc, schema: Schema, field?: string, names: Names = BY_NAME, depth = 0): unknown {
  const { schema: s } = unwrapNullable(doc, schema);
  if (field !== undefined && field in names) return names[field];
  if (s.const !== undefined) return s.const;
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  // The first alternative stands for them all; a depth guard stops a schema that contains itself.
  const variants = variantsOf(doc, schema);
  if (variants) return exampleValue(doc, variants[0], field, names, depth);
  if (depth > 6) return null;
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'array' || s.items) {
    const item = s.items ? exampleValue(doc, s.items, undefined, names, depth + 1) : 'example';
    return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => item);
  }
  if (type === 'object' || hasFields(s)) return exampleObject(doc, s, names, depth);
  if (type === 'integer' || type === 'number') return exampleNumber(s);
  if (type === 'boolean') return true;
  if (type === 'string') return exampleString(s);
  return null;
}

function exampleObject(doc: ApiDoc, schema: Schema, names: Names, depth: number): Record<string, unknown> {
  const s = resolve(doc, schema).schema;
  const props = s.properties ?? {};
  let fields = (s.required ?? []).filter((f) => f in props);
  if (!fields.length && depth === 0) {
    const pick = PREFERRED_OPTIONAL.find((f) => f in props) ?? Object.keys(props)[0];
    fields = pick ? [pick] : [];
  }
  return Object.fromEntries(fields.map((f) => [f, exampleValue(doc, props[f], f, names, depth + 1)]));
}

const namesFor = (operationId: string): Names => ({ ...BY_NAME, ...BY_OPERATION[operationId] });

/** The example body of an operation, or undefined when it takes none (or does without one). */
export function exampleBody(doc: ApiDoc, { op }: Endpoint): unknown {
  const schema = requestSchema(op);
  // An optional body left out has a meaning of its own (rotate: "generate one"): show that call.
  if (!schema || !op.requestBody?.required) return undefined;
  return exampleValue(doc, schema, undefined, namesFor(op.operationId));
}

/** The path with its parameters filled in, and the required query parameters added. */
export function examplePath(doc: ApiDoc, { path, op }: Endpoint): string {
  const names = namesFor(op.operationId);
  const params = op.parameters ?? [];
  const value = (name: string, schema: Schema) => String(exampleValue(doc, schema, name, names));
  const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const p = params.find((x) => x.in === 'path' && x.name === name);
    return encodeURIComponent(value(name, p?.schema ?? { type: 'string' }));
  });
  const query = params.filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=${encodeURIComponent(value(p.name, p.schema))}`);
  return query.length ? `${filled}?${query.join('&')}` : filled;
}

/** Single quotes keep the shell off the JSON; a quote inside is closed, escaped and reopened. */
const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** A curl command for the operation, one option a line; $TOKEN is the reader's own. */
export function curlExample(doc: ApiDoc, endpoint: Endpoint, origin: string): string {
  const body = exampleBody(doc, endpoint);
  const url = `${origin}${examplePath(doc, endpoint)}`;
  // A plain URL reads better bare; one with ? or & must be quoted for the shell.
  const target = /^[\w.:/%+-]+$/.test(url) ? url : shellQuote(url);
  const lines = [`curl${endpoint.method === 'GET' ? '' : ` -X ${endpoint.method}`} ${target}`, `-H "Authorization: Bearer $TOKEN"`];
  if (body !== undefined) lines.push('-H "Content-Type: application/json"', `-d ${shellQuote(JSON.stringify(body, null, 2).replace(/\n/g, '\n  '))}`);
  return lines.join(' \\\n  ');
}
