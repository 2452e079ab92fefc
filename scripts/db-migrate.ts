/** `npm run db:migrate`: applies pending migrations to DATABASE_URL; safe to run again. */
import pg from 'pg';
import { describeAsteriskSchema, inspectAsteriskSchema } from '../lib/db/asterisk-schema.ts';
import { databaseUrl } from '../lib/db/client.ts';
import { migrate } from '../lib/db/migrate.ts';

async function main() {
  const url = databaseUrl();
  const report = await migrate(url, (line) => console.log(line));
  console.log(
    report.applied.length ? `migrations applied: ${report.applied.join(', ')}` : 'database is up to date, nothing to apply',
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const schema = await inspectAsteriskSchema(client);
    for (const line of describeAsteriskSchema(schema)) console.log(line);
    if (schema.missing.length) process.exitCode = 3;
  } finally {
    await client.end();
  }
}

main().catch((err) => {
  console.error(`migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
