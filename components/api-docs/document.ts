/**
 * The parts of the OpenAPI document (lib/api/openapi.ts) that the reference page reads, typed,
 * and the document's operations grouped the way the page shows them.
 */

export type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  deprecated?: boolean;
};

export type Parameter = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; description?: string; schema: Schema };
export type HeaderDoc = { description?: string; schema?: Schema };
export type ResponseDoc = { $ref?: string; description?: string; headers?: Record<string, HeaderDoc>; content?: Record<string, { schema: Schema }> };

export type OperationDoc = {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  deprecated?: boolean;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, ResponseDoc>;
  'x-switchboard-access': 'read' | 'write';
};

export type ApiDoc = {
  openapi: string;
  info: { title: string; version: string; description: string };
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, OperationDoc>>;
  components: { schemas: Record<string, Schema>; responses: Record<string, ResponseDoc> };
};

export type Endpoint = { method: string; path: string; op: OperationDoc };
export type TagGroup = { name: string; description?: string; endpoints: Endpoint[] };

export const tagAnchor = (tag: string) => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
export const operationAnchor = (op: OperationDoc) => `op-${op.operationId}`;
export const problemAnchor = (kind: string) => `problem-${kind}`;

/** The request body's JSON schema, the only media type the API takes. */
export const requestSchema = (op: OperationDoc) => op.requestBody?.content['application/json']?.schema;

/** Operations by tag, in the document's tag order; a tag the list does not name comes last. */
export function endpointsByTag(doc: ApiDoc): TagGroup[] {
  const groups = new Map<string, TagGroup>(doc.tags.map((t) => [t.name, { ...t, endpoints: [] }]));
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags[0] ?? 'Other';
      if (!groups.has(tag)) groups.set(tag, { name: tag, endpoints: [] });
      groups.get(tag)!.endpoints.push({ method: method.toUpperCase(), path, op });
    }
  return [...groups.values()].filter((g) => g.endpoints.length);
}
