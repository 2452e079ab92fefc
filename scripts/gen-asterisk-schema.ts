/**
 * Writes Asterisk's realtime models from a database that holds Asterisk's own DDL, so the models
 * are derived mechanically instead of typed by hand (Asterisk reads these rows directly):
 *
 *   DATABASE_URL=postgres://.../scratch npx tsx scripts/gen-asterisk-schema.ts
 *     → prisma/schema/asterisk.prisma, from prisma/asterisk/postgresql_config.sql
 *   DATABASE_URL=mysql://.../scratch npx tsx scripts/gen-asterisk-schema.ts
 *     → prisma/schema-mysql/asterisk.prisma, from prisma/asterisk/mysql_config.sql
 *
 * Both engines get the same model, field and enum names, so one domain layer reads either: MySQL's
 * enums are inline and nameless, so each column takes the name of the PostgreSQL type of the same
 * column, and a column whose values differ between the two DDLs stops the run.
 */
import { writeFileSync } from 'node:fs';
import { readAsteriskMysql } from './asterisk-schema/read-mysql.ts';
import { readAsteriskPostgres } from './asterisk-schema/read-postgres.ts';
import { renderAsteriskSchema } from './asterisk-schema/render.ts';
import { engineOf } from '../lib/db/engine.ts';

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL must name a database loaded with Asterisk\'s DDL');
  const mysql = engineOf(url) === 'mariadb';
  const read = mysql ? await readAsteriskMysql(url) : await readAsteriskPostgres(url);
  const target = mysql ? '../prisma/schema-mysql/asterisk.prisma' : '../prisma/schema/asterisk.prisma';
  const text = renderAsteriskSchema(read, mysql ? 'prisma/asterisk/mysql_config.sql' : 'prisma/asterisk/postgresql_config.sql');
  writeFileSync(new URL(target, import.meta.url), text);
  console.log(`wrote ${read.tables.length} models and ${read.enums.size} enums to ${target.slice(3)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
