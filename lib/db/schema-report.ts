import pg from 'pg';
import { describeAsteriskSchema, inspectAsteriskSchema } from './asterisk-schema.ts';
import { engineOf } from './engine.ts';
import { checkMariadbAsterisk, describeMariadbCheck } from './mariadb-check.ts';

/**
 * What a migrated database's Asterisk tables are, as `db:migrate` reports it after its steps: the
 * revision and the columns Switchboard writes that are missing (on MariaDB/MySQL also sample rows
 * written in strict mode and rolled back).
 */
export async function asteriskSchemaReport(url: string): Promise<{ lines: string[]; missing: string[]; detail: unknown }> {
  if (engineOf(url) === 'mariadb') {
    const check = await checkMariadbAsterisk(url);
    return { lines: describeMariadbCheck(check), missing: check.missing, detail: check };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const schema = await inspectAsteriskSchema(client);
    return { lines: describeAsteriskSchema(schema), missing: schema.missing, detail: schema };
  } finally {
    await client.end();
  }
}
