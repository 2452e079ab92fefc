import type { IntegrityCheck } from '../types.ts';

/**
 * A driver's error in one line, enough to tell a refused connection from a wrong password:
 * Prisma wraps PostgreSQL's message as "Raw query failed. Code: `X`. Message: `...`".
 */
export function firstLine(err: unknown): string {
  const text = String((err as Error)?.message ?? err).trim();
  const wrapped = /Message: `(.*)`\s*$/s.exec(text);
  return (wrapped ? wrapped[1] : text).split('\n').find((l) => l.trim())?.trim() ?? 'unknown error';
}

export const connection: IntegrityCheck = {
  id: 'connection',
  title: 'the database answers',
  needs: 'connection',
  advice: 'Check DATABASE_URL (host, port, database, user, password) and that PostgreSQL runs and accepts connections from here.',
  async inspect(db) {
    try {
      const [row] = await db.$queryRaw<{ version: string; database: string }[]>`
        SELECT current_setting('server_version') AS version, current_database() AS database`;
      return { count: 0, rows: [], summary: `PostgreSQL ${row.version}, database ${row.database}` };
    } catch (err) {
      const message = firstLine(err);
      return { count: 1, rows: [], summary: `cannot reach the database: ${message}` };
    }
  },
};
