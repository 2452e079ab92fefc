import { AppError } from '../errors.ts';

/** Opaque keyset cursors: the sort value and the row id of the last row of a page. */
export function encodeCursor(value: string | number | null, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string | number | null, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string') return parsed as [string, string];
  } catch {
    // fall through
  }
  throw new AppError('validation', 'The page cursor is invalid or has expired', { cursor: ['is invalid'] });
}

export type Page<T> = { items: T[]; nextCursor: string | null; total?: number };
