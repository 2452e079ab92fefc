import { randomBytes } from 'node:crypto';
import mariadb, { type Connection } from 'mariadb';

/** The local MariaDB (root, no password) every machine here runs; TEST_MARIADB_ADMIN_URL elsewhere. */
export const mariadbAdminUrl = () => process.env.TEST_MARIADB_ADMIN_URL ?? 'mysql://root@127.0.0.1:3306/';

async function admin<T>(fn: (c: Connection) => Promise<T>, database?: string): Promise<T> {
  const u = new URL(mariadbAdminUrl());
  const conn = await mariadb.createConnection({
    host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username || 'root'), password: decodeURIComponent(u.password),
    database, multipleStatements: true,
  });
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}

/** A fresh database of its own per test file, as for PostgreSQL. */
export async function createMariaDatabase(prefix: string): Promise<string> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`));
  const url = new URL(mariadbAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropMariaDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``));
}

/** SQL run on a database as a script (several statements), e.g. Asterisk's own DDL. */
export const onMariaDatabase = (url: string, script: string) => admin((c) => c.query(script), new URL(url).pathname.slice(1));
