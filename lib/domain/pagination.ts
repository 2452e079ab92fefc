import { z } from 'zod';
import { AppError } from '../errors.ts';
import { isUuid } from './ids.ts';

/** Opaque keyset cursors: the sort value and the row id of the last row of a page. */
export function encodeCursor(value: string | number | null, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

/** A cursor as it travels in a URL: base64url, and short. */
export const cursorParam = z.string().max(500).regex(/^[A-Za-z0-9_-]+$/, 'is invalid');

/**
 * What a cursor's sort value may be. A cursor comes back from the client, so it is input like
 * any other: its value goes into a keyset comparison, typed by the column it is compared with.
 */
export const cursorValue = {
  /** Any stored text; only NUL, which PostgreSQL refuses in every text parameter, is out. */
  text: z.string().max(1000).refine((s) => !s.includes('\u0000')),
  digits: z.string().regex(/^[0-9]{1,20}$/),
  /**
   * A UTC timestamp as a page wrote it, to the microsecond as PostgreSQL stores it (cursors made
   * before kept milliseconds, and still read), since 1970, before 10000.
   */
  timestamp: z
    .string()
    .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}(\d{3})?Z$/)
    .refine((s) => {
      const t = Date.parse(s);
      return t >= 0 && new Date(t).toISOString() === `${s.slice(0, 23)}Z`;
    }),
};

// Any 8-4-4-4-12 hex id, as PostgreSQL's uuid type reads them (not only RFC versions).
const rowId = z.string().refine(isUuid);

/** The [value, id] of a cursor, checked against the sort column's type (and the id's); else a validation error. */
export function decodeCursor<V extends z.ZodType>(cursor: string, value: V, id: z.ZodType<string> = rowId): [z.output<V>, string] {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    json = undefined;
  }
  const parsed = z.tuple([value, id]).safeParse(json);
  if (parsed.success) return parsed.data as [z.output<V>, string];
  throw new AppError('validation', 'The page cursor is invalid or has expired', { cursor: ['is invalid'] });
}

export type Page<T> = { items: T[]; nextCursor: string | null; total?: number };
