/**
 * Imported first by the command-line tools: without DATABASE_URL they work on the quick start's
 * database (`npm start` uses the same default), so `npm run admin:create` or `token:create` right
 * after `npm start` needs no setup. Set DATABASE_URL to point them anywhere else.
 */
export const QUICK_START_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/switchboard';
process.env.DATABASE_URL ||= QUICK_START_DATABASE_URL;
