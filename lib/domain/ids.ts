import { randomUUID } from 'node:crypto';

/**
 * Our row ids are uuid columns, which refuse any other text (36 hyphens too) with a database error
 * rather than an empty result: an id from a URL or an action call is checked before any query.
 */
export const isUuid = (id: unknown): id is string =>
  typeof id === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/**
 * A new row id as one flat string. Node's randomUUID joins twenty pieces, which V8 keeps as a
 * chain of about 490 bytes for as long as the id lives: 49 MB for an import of 100,000 rows held
 * until they are written, against 6 MB flat.
 */
export const newRowId = (): string => Buffer.from(randomUUID(), 'latin1').toString('latin1');
