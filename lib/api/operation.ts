import { z } from 'zod';
import type { Ctx } from '../domain/context.ts';
import { toSnake } from './casing.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export const METHODS: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** An answer: a body to encode, or `json`, a body already encoded (a list page the database wrote). */
export type ApiResult = { status: number; body?: unknown; json?: string; headers?: Record<string, string> };

export type HandlerInput<P, Q, B> = { ctx: Ctx; params: P; query: Q; body: B; request: Request; origin: string };

/**
 * One API operation: what it accepts and answers, as zod schemas, and the use case it calls. The
 * route handler, the OpenAPI document and the tests' response checks all read this one object.
 */
export type Operation<P extends z.ZodObject = z.ZodObject, Q extends z.ZodObject = z.ZodObject, B extends z.ZodType = z.ZodType> = {
  id: string;
  method: Method;
  /** OpenAPI path, e.g. /api/v1/tenants/{tenant}. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  access: 'read' | 'write';
  deprecated?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** The body may be left out (no Content-Type needed then). */
  bodyOptional?: boolean;
  /** Domain field -> the name this operation's body calls it (the old systems' routes). */
  fieldNames?: Record<string, string>;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  handle: (input: HandlerInput<z.output<P>, z.output<Q>, z.output<B>>) => Promise<ApiResult>;
};

export const defineOperation = <P extends z.ZodObject, Q extends z.ZodObject, B extends z.ZodType>(op: Operation<P, Q, B>) =>
  op as unknown as Operation;

/**
 * A domain input schema with its keys in snake_case and no unknown keys allowed: the same field
 * rules the forms use, so the API and the portal refuse the same values with the same messages.
 */
export function snakeObject<S extends z.ZodRawShape>(schema: z.ZodObject<S>, omit: string[] = []) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape)
      .filter(([k]) => !omit.includes(k))
      .map(([k, v]) => [toSnake(k), v]),
  );
  return z.strictObject(shape);
}

/** A query-string boolean: true/false (also 1/0, yes/no). */
export const queryBool = z.stringbool({ truthy: ['true', '1', 'yes'], falsy: ['false', '0', 'no'] });

export const paginationQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Items per page (1-200).'),
  cursor: z.string().max(500).regex(/^[A-Za-z0-9_-]+$/, 'is invalid').optional().describe('next_cursor of the previous page.'),
};

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), next_cursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page.') });
