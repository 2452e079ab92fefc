import pg from 'pg';
import { describeAsteriskSchema, inspectAsteriskSchema } from '../../lib/db/asterisk-schema.ts';
import type { Log } from './server.ts';

/** Says clearly, at start, whether the Asterisk schema in the database is one we know. */
export async function checkSchema(url: string, log: Log): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const report = await inspectAsteriskSchema(client);
    const level = report.known && report.missing.length === 0 ? 'info' : 'warn';
    for (const line of describeAsteriskSchema(report)) log(level, line, { revision: report.revision });
  } catch (err) {
    log('warn', 'could not check the Asterisk schema (database unreachable?)', { err: (err as Error).message });
  } finally {
    await client.end().catch(() => {});
  }
}
