import { ASTERISK_SCHEMA_REVISION, describeAsteriskSchema, inspectAsteriskSchema } from '../../../db/asterisk-schema.ts';
import type { Tx } from '../../../db/client.ts';
import type { Finding, IntegrityCheck } from '../types.ts';

type Queryable = Parameters<typeof inspectAsteriskSchema>[0];

/** lib/db/asterisk-schema.ts speaks pg's `query`; the checks hold a Prisma client. */
const asQueryable = (db: Tx): Queryable =>
  ({ query: async (text: string, params: unknown[] = []) => ({ rows: await db.$queryRawUnsafe(text, ...params) }) }) as unknown as Queryable;

export const asteriskSchema: IntegrityCheck = {
  id: 'asterisk-schema',
  title: 'Asterisk schema revision known, columns present',
  needs: 'connection',
  advice: `Switchboard was built against Asterisk's realtime schema revision ${ASTERISK_SCHEMA_REVISION}. Upgrade an older schema with Asterisk's contrib/ast-db-manage (alembic upgrade head); a missing column makes Switchboard's writes, or Asterisk's, fail.`,
  async inspect(db) {
    const report = await inspectAsteriskSchema(asQueryable(db));
    const rows: Finding[] = [];
    if (!report.known || !report.current)
      rows.push({ tenant: null, table: 'alembic_version_config', id: report.revision ?? '-', detail: describeAsteriskSchema({ ...report, missing: [] })[0] });
    for (const column of report.missing) {
      const [table, name] = column.split('.');
      rows.push({ tenant: null, table, id: name, detail: 'column missing' });
    }
    return {
      count: rows.length,
      rows,
      summary: rows.length ? describeAsteriskSchema(report).join('; ') : `revision ${report.revision}, every column Switchboard writes is present`,
    };
  },
};
