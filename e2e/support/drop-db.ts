import { dropDatabase } from '../../test/support/pg.ts';

if (process.env.E2E_DATABASE_URL) await dropDatabase(process.env.E2E_DATABASE_URL);
