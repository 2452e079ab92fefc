/**
 * The migration runner behind `npm run db:migrate`.
 *
 * Step 0000 brings Asterisk's realtime schema: on an empty database it runs Asterisk's own DDL
 * (prisma/asterisk/postgresql_config.sql, unmodified), which also records alembic_version so
 * Asterisk's upgrade scripts can carry the database on; on a database that already holds
 * Asterisk's tables it only records that it adopted them and touches nothing. The numbered SQL
 * files in prisma/migrations add what is Switchboard's own.
 *
 * Each step runs in its own transaction together with its record in sb_schema_migrations, under
 * an advisory lock, so concurrent or interrupted runs never leave half a step behind. A recorded
 * step whose file has since changed stops the run: editing history is a bug, not a migration.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { engineOf, type Engine } from './engine.ts';

export const ASTERISK_STEP = '0000_asterisk_realtime';
export const ASTERISK_CDR_STEP = '0000_asterisk_cdr';
const LOCK_KEY = 7_412_903_551; // arbitrary, constant: serialises migration runs per database
/** Each engine's own DDL for the same schema: prisma/migrations (PostgreSQL), prisma/migrations-mysql. */
const migrationsDir = (engine: Engine) => new URL(engine === 'mariadb' ? '../../prisma/migrations-mysql/' : '../../prisma/migrations/', import.meta.url);

/**
 * Asterisk's own DDL, one alembic tree per step, each created on an empty database and adopted
 * as it is where its table already exists. The cdr script writes its revision into a table named
 * `alembic_version`, which is the config tree's: like Asterisk's own env.py, it gets a version
 * table of its tree (`alembic_version_cdr`). cdr_pgsql crashes Asterisk when its table is
 * missing, so this step must have run before Asterisk loads cdr_pgsql.
 */
export type AsteriskStep = { name: string; file: string; probe: string; versionTable?: string; created: string };
export const ASTERISK_STEPS: AsteriskStep[] = [
  { name: ASTERISK_STEP, file: 'postgresql_config.sql', probe: 'ps_endpoints', created: "created Asterisk's realtime tables from contrib/realtime/postgresql/postgresql_config.sql" },
  { name: ASTERISK_CDR_STEP, file: 'postgresql_cdr.sql', probe: 'cdr', versionTable: 'alembic_version_cdr', created: "created Asterisk's cdr table from contrib/realtime/postgresql/postgresql_cdr.sql" },
];

/** The same steps from Asterisk's MySQL DDL (contrib/realtime/mysql), under the same names. */
export const ASTERISK_MYSQL_STEPS: AsteriskStep[] = [
  { name: ASTERISK_STEP, file: 'mysql_config.sql', probe: 'ps_endpoints', created: "created Asterisk's realtime tables from contrib/realtime/mysql/mysql_config.sql" },
  { name: ASTERISK_CDR_STEP, file: 'mysql_cdr.sql', probe: 'cdr', versionTable: 'alembic_version_cdr', created: "created Asterisk's cdr table from contrib/realtime/mysql/mysql_cdr.sql" },
];

export type MigrationStep = { name: string; sql: string; checksum: string };
export type MigrationReport = {
  applied: string[];
  skipped: string[];
  /** What became of Asterisk's realtime (config) tables. */
  asterisk: 'created' | 'adopted' | 'already-recorded';
  /** And of its cdr table. */
  cdr: 'created' | 'adopted' | 'already-recorded';
};

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function loadSteps(engine: Engine = 'postgres'): MigrationStep[] {
  const dir = migrationsDir(engine);
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(new URL(file, dir), 'utf8');
      return { name: file.replace(/\.sql$/, ''), sql, checksum: sha256(sql) };
    });
}

/**
 * Asterisk's DDL as it runs beside the other trees: without its own BEGIN/COMMIT (PostgreSQL's
 * runs inside our transaction), its version table renamed where another tree owns that name.
 */
export function asteriskDdlForTransaction(step: AsteriskStep = ASTERISK_STEPS[0]): { sql: string; checksum: string } {
  const raw = readFileSync(new URL(`../../prisma/asterisk/${step.file}`, import.meta.url), 'utf8');
  let sql = raw.replace(/^BEGIN;\s*$/m, '').replace(/^COMMIT;\s*$/m, '');
  // The table and its primary key's name (`alembic_version_pkc`), which must not clash either.
  if (step.versionTable) sql = sql.replace(/\balembic_version(?=\b|_pkc\b)/g, step.versionTable);
  return { sql, checksum: sha256(raw) };
}

export type Log = (line: string) => void;

/** Migrates the database DATABASE_URL names, on its engine (PostgreSQL, or MariaDB/MySQL). */
export async function migrate(databaseUrl: string, log: Log = () => {}): Promise<MigrationReport> {
  if (engineOf(databaseUrl) === 'mariadb') return (await import('./migrate-mysql.ts')).migrateMysql(databaseUrl, log);
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'switchboard-migrate' });
  await client.connect();
  // Notices from Asterisk's DDL and ours are informative; surface them rather than drop them.
  client.on('notice', (n) => log(`notice: ${n.message}`));
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query('SET client_min_messages = warning'); // "already exists, skipping" is noise here
    await client.query(`CREATE TABLE IF NOT EXISTS sb_schema_migrations (
      name       VARCHAR(128) PRIMARY KEY,
      checksum   CHAR(64) NOT NULL,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      note       TEXT
    )`);
    await client.query('RESET client_min_messages');
    const { rows } = await client.query<{ name: string; checksum: string }>(
      'SELECT name, checksum FROM sb_schema_migrations',
    );
    const recorded = new Map(rows.map((r) => [r.name, r.checksum]));
    const report: MigrationReport = { applied: [], skipped: [], asterisk: 'already-recorded', cdr: 'already-recorded' };

    for (const step of ASTERISK_STEPS) {
      if (recorded.has(step.name)) {
        report.skipped.push(step.name);
        continue;
      }
      const outcome = await applyAsteriskStep(client, step, log);
      if (step.name === ASTERISK_STEP) report.asterisk = outcome;
      else report.cdr = outcome;
    }

    for (const step of loadSteps()) {
      const seen = recorded.get(step.name);
      if (seen) {
        if (seen !== step.checksum) {
          throw new Error(
            `migration ${step.name} was changed after it was applied (checksum differs); ` +
              'add a new migration instead of editing an applied one',
          );
        }
        report.skipped.push(step.name);
        continue;
      }
      await inTransaction(client, async () => {
        await client.query(step.sql);
        await client.query('INSERT INTO sb_schema_migrations (name, checksum) VALUES ($1, $2)', [
          step.name,
          step.checksum,
        ]);
      });
      report.applied.push(step.name);
      log(`applied ${step.name}`);
    }
    return report;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

async function applyAsteriskStep(client: pg.Client, step: AsteriskStep, log: Log): Promise<'created' | 'adopted'> {
  const ddl = asteriskDdlForTransaction(step);
  const { rows } = await client.query<{ present: boolean }>(`SELECT to_regclass('public.${step.probe}') IS NOT NULL AS present`);
  const adopt = rows[0].present;
  await inTransaction(client, async () => {
    if (!adopt) await client.query(ddl.sql);
    await client.query('INSERT INTO sb_schema_migrations (name, checksum, note) VALUES ($1, $2, $3)', [
      step.name,
      ddl.checksum,
      adopt ? `adopted an existing Asterisk ${step.probe} table; its rows were left untouched` : step.created,
    ]);
  });
  log(adopt ? `found Asterisk's ${step.probe} table: adopted it as it is` : step.created);
  return adopt ? 'adopted' : 'created';
}

async function inTransaction(client: pg.Client, fn: () => Promise<void>) {
  await client.query('BEGIN');
  try {
    await fn();
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}
