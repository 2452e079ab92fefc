/** Creates and migrates the e2e run's database; prints its URL for scripts/test.sh. */
import { migrate } from '../../lib/db/migrate.ts';
import { createDatabase } from '../../test/support/pg.ts';

const url = await createDatabase('sb_e2e');
await migrate(url);
process.stdout.write(url);
