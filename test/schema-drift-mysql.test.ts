/**
 * On MariaDB/MySQL, as test/schema-drift.test.ts on PostgreSQL: prisma/schema-mysql (generated
 * from schema.prisma and from Asterisk's MySQL DDL) and a database migrated from empty agree on
 * every table, column type, nullability, enum value and index. And the generated files are what
 * their generators make of the sources today, so nobody can edit one and not the other.
 */
import { readFileSync } from 'node:fs';
import mariadb, { type Connection } from 'mariadb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mariadbOptions } from '../lib/db/mariadb-url.ts';
import { migrate } from '../lib/db/migrate.ts';
import { mysqlModels } from '../scripts/asterisk-schema/mysql-models.ts';
import { readAsteriskMysql } from '../scripts/asterisk-schema/read-mysql.ts';
import { renderAsteriskSchema } from '../scripts/asterisk-schema/render.ts';
import { createMariaDatabase, dropMariaDatabase } from './support/mariadb.ts';
import { columnOf, indexColumns, loadDatamodel, tableOf, UNMODELLED, type Field } from './support/prisma-dmmf.ts';

const dm = loadDatamodel('schema-mysql');
const enumValues = new Map(dm.enums.map((e) => [e.name, e.values.map((v) => v.dbName ?? v.name)]));

/** The MySQL column type a Prisma scalar (with its native type) becomes, as information_schema spells it. */
function expectedType(f: Field): string {
  const [native, args = []] = f.nativeType ?? [null, []];
  if (f.kind === 'enum') return `enum(${enumValues.get(f.type)!.map((v) => `'${v}'`).join(',')})`;
  switch (native ?? f.type) {
    case 'VarChar': return `varchar(${args[0]})`;
    case 'Char': return `char(${args[0]})`;
    case 'Text': return 'text';
    case 'SmallInt': return 'smallint';
    case 'TinyInt': return 'tinyint';
    case 'DateTime': return args[0] && args[0] !== '0' ? `datetime(${args[0]})` : 'datetime';
    case 'Decimal': return `decimal(${args[0]},${args[1]})`;
    case 'Float': return f.nativeType ? 'float' : 'double';
    case 'String': return 'varchar(191)';
    case 'Int': return 'int';
    case 'BigInt': return 'bigint';
    case 'Boolean': return 'tinyint(1)';
    case 'Json': return 'json';
    default: throw new Error(`no mapping for ${f.type} ${native}`);
  }
}

/** MariaDB spells JSON as longtext (with a json_valid check) and keeps display widths: int(11). */
const actualType = (c: { type: string; json: number }) => (c.json ? 'json' : c.type.replace(/^(int|smallint|bigint)\(\d+\)/, '$1'));

describe('prisma/schema-mysql and a migrated MariaDB database', () => {
  let url: string;
  let conn: Connection;
  beforeAll(async () => {
    url = await createMariaDatabase('sb_drift');
    await migrate(url);
    conn = await mariadb.createConnection(mariadbOptions(url));
  });
  afterAll(async () => {
    await conn?.end();
    if (url) await dropMariaDatabase(url);
  });

  it('agree on every table, column, type and nullability', async () => {
    const columns: { t: string; c: string; type: string; nullable: string; json: number }[] = await conn.query(
      `SELECT c.table_name AS t, c.column_name AS c, c.column_type AS type, c.is_nullable AS nullable,
              (c.data_type = 'json' OR EXISTS (SELECT 1 FROM information_schema.check_constraints k
                 WHERE k.constraint_schema = c.table_schema AND k.table_name = c.table_name
                   AND k.check_clause = concat('json_valid(\`', c.column_name, '\`)'))) + 0 AS json
         FROM information_schema.columns c WHERE c.table_schema = DATABASE()`,
    );
    const tables = [...new Set(columns.map((c) => c.t))];
    const problems: string[] = [];
    for (const m of dm.models) {
      const table = tableOf(m);
      const dbCols = columns.filter((c) => c.t === table);
      if (!dbCols.length) { problems.push(`table ${table} (model ${m.name}) is missing`); continue; }
      const scalars = m.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum');
      for (const f of scalars) {
        const c = dbCols.find((x) => x.c === columnOf(f));
        if (!c) { problems.push(`${table}.${columnOf(f)} is missing`); continue; }
        if (actualType(c) !== expectedType(f)) problems.push(`${table}.${c.c}: database ${actualType(c)}, schema ${expectedType(f)}`);
        // Asterisk's MySQL ps_contacts.id is nullable but always written: the model needs it as a key.
        const lenient = table === 'ps_contacts' && c.c === 'id';
        if ((c.nullable === 'NO') !== f.isRequired && !lenient) problems.push(`${table}.${c.c}: nullability differs`);
      }
      for (const c of dbCols) if (!scalars.some((f) => columnOf(f) === c.c)) problems.push(`${table}.${c.c} is not in the schema`);
    }
    const modelled = new Set(dm.models.map(tableOf));
    for (const t of tables) if (!modelled.has(t) && !UNMODELLED.has(t)) problems.push(`table ${t} is not in the schema`);
    expect(problems).toEqual([]);
  });

  it('agree on primary keys, unique constraints and indexes', async () => {
    const indexes: { t: string; name: string; uniq: number; cols: string }[] = await conn.query(
      `SELECT table_name AS t, index_name AS name, (non_unique = 0) + 0 AS uniq, GROUP_CONCAT(column_name ORDER BY seq_in_index) AS cols
         FROM information_schema.statistics WHERE table_schema = DATABASE() GROUP BY table_name, index_name, non_unique`,
    );
    const problems: string[] = [];
    for (const idx of dm.indexes) {
      const { table, cols } = indexColumns(dm, idx);
      const found = indexes.some((i) => i.t === table && i.cols === cols.join(',') && (idx.type === 'normal' || i.uniq) && (idx.type !== 'id' || i.name === 'PRIMARY'));
      if (!found) problems.push(`${idx.type} index on ${table}(${cols.join(', ')}) is missing`);
    }
    for (const i of indexes.filter((i) => i.uniq && i.t.startsWith('sb_') && !UNMODELLED.has(i.t))) {
      const known = dm.indexes.some((idx) => idx.type !== 'normal' && indexColumns(dm, idx).table === i.t && indexColumns(dm, idx).cols.join(',') === i.cols);
      if (!known) problems.push(`unique index on ${i.t}(${i.cols}) is not in the schema`);
    }
    expect(problems).toEqual([]);
  });

  it('are what the generators make of schema.prisma and of Asterisk\'s MySQL DDL today', async () => {
    const committed = (f: string) => readFileSync(new URL(`../prisma/${f}`, import.meta.url), 'utf8');
    expect(committed('schema-mysql/schema.prisma'), 'run `npm run db:schema:mysql`').toBe(mysqlModels(committed('schema/schema.prisma')));
    const asterisk = renderAsteriskSchema(await readAsteriskMysql(url), 'prisma/asterisk/mysql_config.sql');
    expect(committed('schema-mysql/asterisk.prisma'), 'run `npm run db:schema:asterisk` on a MySQL database').toBe(asterisk);
  });

  it('use the same models, fields and Prisma types as on PostgreSQL, so one domain layer reads both', () => {
    const shape = (d: ReturnType<typeof loadDatamodel>) =>
      d.models.map((m) => `${m.name}: ${m.fields.map((f) => `${f.name} ${f.type}${f.isList ? '[]' : ''}`).join(', ')}`).sort();
    expect(shape(dm)).toEqual(shape(loadDatamodel('schema')));
    expect(dm.enums.map((e) => `${e.name}: ${e.values.map((v) => v.name).join(',')}`).sort())
      .toEqual(loadDatamodel('schema').enums.map((e) => `${e.name}: ${e.values.map((v) => v.name).join(',')}`).sort());
  });
});
