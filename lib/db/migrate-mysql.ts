/**
 * The migration runner on MariaDB/MySQL: the same steps under the same names as on PostgreSQL
 * (lib/db/migrate.ts), from Asterisk's MySQL DDL and prisma/migrations-mysql.
 *
 * MySQL commits around every DDL statement, so a step cannot be one transaction: its statements
 * are written to be run again (IF NOT EXISTS), a step is recorded only once all of them succeeded,
 * and an interrupted run finishes the step the next time. GET_LOCK serialises runs; the server
 * releases it when the connection ends, whatever happens to this process.
 */
import mariadb, { type Connection } from 'mariadb';
import { mariadbOptions } from './mariadb-url.ts';
import { ASTERISK_MYSQL_STEPS, ASTERISK_STEP, asteriskDdlForTransaction, loadSteps, type AsteriskStep, type Log, type MigrationReport } from './migrate.ts';

const LOCK = 'switchboard.migrate';
const LOCK_WAIT_SECONDS = 300;

export async function migrateMysql(url: string, log: Log): Promise<MigrationReport> {
  const conn = await mariadb.createConnection({ ...mariadbOptions(url), multipleStatements: true });
  try {
    await conn.query("SET time_zone = '+00:00', sql_mode = CONCAT(@@sql_mode, ',STRICT_ALL_TABLES')");
    const [{ got }] = await conn.query('SELECT GET_LOCK(?, ?) AS got', [LOCK, LOCK_WAIT_SECONDS]);
    if (Number(got) !== 1) throw new Error(`another migration run has held the lock for ${LOCK_WAIT_SECONDS} s; try again when it has finished`);
    await conn.query(`CREATE TABLE IF NOT EXISTS sb_schema_migrations (
      name       VARCHAR(128) NOT NULL PRIMARY KEY,
      checksum   CHAR(64) NOT NULL,
      applied_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
      note       TEXT
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin`);
    const rows: { name: string; checksum: string }[] = await conn.query('SELECT name, checksum FROM sb_schema_migrations');
    const recorded = new Map(rows.map((r) => [r.name, r.checksum]));
    const report: MigrationReport = { applied: [], skipped: [], asterisk: 'already-recorded', cdr: 'already-recorded' };

    for (const step of ASTERISK_MYSQL_STEPS) {
      if (recorded.has(step.name)) {
        report.skipped.push(step.name);
        continue;
      }
      const outcome = await applyAsteriskStep(conn, step, log);
      if (step.name === ASTERISK_STEP) report.asterisk = outcome;
      else report.cdr = outcome;
    }

    for (const step of loadSteps('mariadb')) {
      const seen = recorded.get(step.name);
      if (seen) {
        if (seen !== step.checksum)
          throw new Error(`migration ${step.name} was changed after it was applied (checksum differs); add a new migration instead of editing an applied one`);
        report.skipped.push(step.name);
        continue;
      }
      await conn.query(step.sql);
      await conn.query('INSERT INTO sb_schema_migrations (name, checksum) VALUES (?, ?)', [step.name, step.checksum]);
      report.applied.push(step.name);
      log(`applied ${step.name}`);
    }
    return report;
  } finally {
    await conn.query('SELECT RELEASE_LOCK(?)', [LOCK]).catch(() => {});
    await conn.end().catch(() => {});
  }
}

async function applyAsteriskStep(conn: Connection, step: AsteriskStep, log: Log): Promise<'created' | 'adopted'> {
  const ddl = asteriskDdlForTransaction(step);
  const [{ n }] = await conn.query('SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?', [step.probe]);
  const adopt = Number(n) > 0;
  // Asterisk's DDL is not rerunnable; a run cut inside it leaves its tables half made, which the
  // next run adopts and `switchboard db check` reports as missing columns.
  if (!adopt) await conn.query(ddl.sql);
  await conn.query('INSERT INTO sb_schema_migrations (name, checksum, note) VALUES (?, ?, ?)', [
    step.name,
    ddl.checksum,
    adopt ? `adopted an existing Asterisk ${step.probe} table; its rows were left untouched` : step.created,
  ]);
  log(adopt ? `found Asterisk's ${step.probe} table: adopted it as it is` : step.created);
  return adopt ? 'adopted' : 'created';
}
