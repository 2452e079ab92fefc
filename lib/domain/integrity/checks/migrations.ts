import { ASTERISK_STEP, ASTERISK_STEPS, loadSteps } from '../../../db/migrate.ts';
import { plural, type Finding, type IntegrityCheck } from '../types.ts';

/**
 * Compares sb_schema_migrations with the steps this Switchboard ships (lib/db/migrate.ts): a step
 * not applied, one whose file changed after it was applied, or one this version does not know
 * (the database was migrated by a newer Switchboard). The 0000 steps are Asterisk's own DDL, which its
 * own upgrades carry on; the Asterisk schema check judges that one.
 */
export const migrations: IntegrityCheck = {
  id: 'migrations',
  title: 'migrations applied',
  needs: 'connection',
  advice: 'Run `switchboard db migrate` to apply pending steps. A changed step means a migration file was edited after it ran: restore the file. A step this version does not know means the database belongs to a newer Switchboard.',
  async inspect(db) {
    const [{ present }] = await db.$queryRaw<{ present: boolean }[]>`
      SELECT to_regclass('public.sb_schema_migrations') IS NOT NULL AS present`;
    const steps = loadSteps();
    if (!present) {
      const rows = [...ASTERISK_STEPS.map((s) => s.name), ...steps.map((s) => s.name)].map((name) => row(name, 'not applied'));
      return { count: rows.length, rows, summary: 'this database was never migrated (no sb_schema_migrations table)' };
    }
    const recorded = new Map(
      (await db.$queryRaw<{ name: string; checksum: string }[]>`SELECT name, checksum FROM sb_schema_migrations`).map((r) => [r.name, r.checksum.trim()]),
    );
    const rows: Finding[] = [];
    for (const a of ASTERISK_STEPS) if (!recorded.has(a.name)) rows.push(row(a.name, 'not applied'));
    for (const step of steps) {
      const seen = recorded.get(step.name);
      if (seen === undefined) rows.push(row(step.name, 'not applied'));
      else if (seen !== step.checksum) rows.push(row(step.name, 'changed since it was applied (checksum differs)'));
    }
    const known = new Set([...ASTERISK_STEPS.map((s) => s.name), ...steps.map((s) => s.name)]);
    for (const name of [...recorded.keys()].sort()) if (!known.has(name)) rows.push(row(name, 'applied, but unknown to this version of Switchboard'));
    const latest = steps.at(-1)?.name ?? ASTERISK_STEP;
    return {
      count: rows.length,
      rows,
      summary: rows.length ? `${plural(rows.length, 'migration step')} out of step with this version` : `${plural(recorded.size, 'step')} applied, the latest ${latest}`,
    };
  },
};

const row = (name: string, detail: string): Finding => ({ tenant: null, table: 'sb_schema_migrations', id: name, detail });
