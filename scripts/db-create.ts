/** `npm run db:create`: creates the database named in DATABASE_URL when it does not exist yet. */
import pg from 'pg';
import { databaseUrl } from '../lib/db/client.ts';

async function main() {
  const url = new URL(databaseUrl());
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`unusual database name "${name}": create it yourself`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) console.log(`database ${name} exists`);
    else {
      await client.query(`CREATE DATABASE "${name}"`);
      console.log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

main().catch((err) => {
  console.error(`could not create the database: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
