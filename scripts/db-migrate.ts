/** `npm run db:migrate`: applies pending migrations to DATABASE_URL; safe to run again. */
import { databaseUrl } from '../lib/db/client.ts';
import { asteriskSchemaReport } from '../lib/db/schema-report.ts';
import { migrate } from '../lib/db/migrate.ts';

async function main() {
  const url = databaseUrl();
  const report = await migrate(url, (line) => console.log(line));
  console.log(
    report.applied.length ? `migrations applied: ${report.applied.join(', ')}` : 'database is up to date, nothing to apply',
  );
  const schema = await asteriskSchemaReport(url);
  for (const line of schema.lines) console.log(line);
  if (schema.missing.length) process.exitCode = 3;
}

main().catch((err) => {
  console.error(`migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
