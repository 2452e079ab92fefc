/**
 * Our row ids are uuid columns, which refuse any other text (36 hyphens too) with a database error
 * rather than an empty result: an id from a URL or an action call is checked before any query.
 */
export const isUuid = (id: unknown): id is string =>
  typeof id === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
