import type { TestProject } from 'vitest/node';
import { migrate } from '../../lib/db/migrate.ts';
import { createDatabase, dropDatabase } from './pg.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One fresh, migrated database per test run; dropped at the end unless KEEP_TEST_DB is set. */
export default async function setup(project: TestProject) {
  const url = await createDatabase('sb_test');
  await migrate(url);
  project.provide('databaseUrl', url);
  return async () => {
    if (!process.env.KEEP_TEST_DB) await dropDatabase(url);
  };
}
