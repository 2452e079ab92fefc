/** The API speaks snake_case; the domain camelCase. Conversion is mechanical, in one place. */

export const toSnake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const toCamel = (key: string) => key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** `rows.3.displayName` -> `rows.3.display_name`. */
export const snakeFieldPath = (path: string) => path.split('.').map(toSnake).join('.');

/** Top-level keys of a plain object renamed; anything else is returned as it is. */
export function camelKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [toCamel(k), v]));
}
