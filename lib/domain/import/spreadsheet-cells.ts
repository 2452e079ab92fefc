/**
 * A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula, so a display name
 * such as `=HYPERLINK(...)` in an export would act when an admin opens the file. The export puts
 * one `'` before such text (spreadsheets show it as text) and the CSV import takes one off again,
 * so the round trip stays exact: a value that already starts with `'` and a formula character
 * gets one more on the way out.
 */
const RISKY = /^'*[=+\-@]/;
const ESCAPED = /^'+[=+\-@]/;

/** The text columns people type and spreadsheets would evaluate. */
export const TEXT_COLUMNS = new Set(['name', 'email', 'ad_username']);

export const guardCell = (value: string) => (RISKY.test(value) ? `'${value}` : value);
export const unguardCell = (value: string) => (ESCAPED.test(value) ? value.slice(1) : value);
