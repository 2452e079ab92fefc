/**
 * Which database engine a DATABASE_URL names: PostgreSQL, or MariaDB/MySQL (where most Asterisk
 * Realtime installations keep their ps_* tables).
 */
export type Engine = 'postgres' | 'mariadb';

/** A setting that cannot work: every door says it as it is, without a stack. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const SCHEMES: Record<string, Engine> = { 'postgres:': 'postgres', 'postgresql:': 'postgres', 'mysql:': 'mariadb', 'mariadb:': 'mariadb' };

export function engineOf(url: string): Engine {
  let scheme: string;
  try {
    scheme = new URL(url).protocol;
  } catch {
    throw new ConfigError('DATABASE_URL is not a URL (e.g. postgres://postgres@127.0.0.1:5432/switchboard)');
  }
  const engine = SCHEMES[scheme];
  if (!engine) throw new ConfigError(`DATABASE_URL must start with postgres:// (or mysql:// / mariadb://), not ${scheme}//`);
  return engine;
}

/**
 * The portal, the API, the CLI and the AGI server run on PostgreSQL until the data layer's raw SQL
 * is ported (issue 12): refuse anything else clearly. The migration already runs on MariaDB/MySQL.
 */
export function assertPostgres(url: string): void {
  if (engineOf(url) === 'mariadb')
    throw new ConfigError(
      "DATABASE_URL names a MariaDB/MySQL database: Switchboard's portal, API, CLI and AGI server run on PostgreSQL for now " +
        '(`npm run db:migrate` already prepares a MariaDB/MySQL database). ' +
        "Asterisk can keep reading its own MariaDB; `npm run cli -- db check-mariadb` shows whether the rows Switchboard writes fit that database's Asterisk tables.",
    );
}
