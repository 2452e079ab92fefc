import type { ConnectionConfig } from 'mariadb';

/**
 * A mysql:// or mariadb:// DATABASE_URL as the mariadb driver takes it (the driver itself parses
 * only mariadb://, and reads no query options such as ?ssl the way an operator writes them).
 */
export function mariadbOptions(url: string): ConnectionConfig {
  const u = new URL(url);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || undefined,
    connectTimeout: 5_000,
  };
}
