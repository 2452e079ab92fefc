import { readdirSync, readFileSync } from 'node:fs';
import wasm from '@prisma/prisma-schema-wasm';

export type Field = { name: string; dbName?: string | null; kind: string; type: string; isRequired: boolean; isList: boolean; nativeType?: [string, string[]] | null };
export type Model = { name: string; dbName: string | null; fields: Field[] };
export type Index = { model: string; type: 'id' | 'unique' | 'normal' | 'fulltext'; dbName?: string | null; fields: { name: string }[] };
export type Enum = { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] };
export type Datamodel = { models: Model[]; enums: Enum[]; indexes: Index[] };

/** The models of one schema folder (prisma/schema or prisma/schema-mysql), as Prisma reads them. */
export function loadDatamodel(folder: 'schema' | 'schema-mysql'): Datamodel {
  const dir = new URL(`../../prisma/${folder}/`, import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.prisma')).map((f) => [f, readFileSync(new URL(f, dir), 'utf8')]);
  return JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: files }))).datamodel as Datamodel;
}

export const tableOf = (m: Model) => m.dbName ?? m.name;
export const columnOf = (f: Field) => f.dbName ?? f.name;

/** An index's columns as the database names them. */
export function indexColumns(dm: Datamodel, idx: Index): { table: string; cols: string[] } {
  const model = dm.models.find((m) => m.name === idx.model)!;
  return { table: tableOf(model), cols: idx.fields.map((f) => columnOf(model.fields.find((x) => x.name === f.name)!)) };
}

/** Tables in either engine's database that the schemas deliberately leave out. */
export const UNMODELLED = new Set([
  'sb_schema_migrations', // the migration runner's own ledger
  'sb_changes', // MariaDB/MySQL: the change table standing in for LISTEN/NOTIFY, read with SQL
  'sb_locks', // MariaDB/MySQL: rows locked as transaction-scoped named locks (lib/db/locks.ts)
  // Asterisk's call records (no key Prisma could model): read with SQL, never written by us.
  'cdr', 'alembic_version_cdr',
  // Asterisk's non-PJSIP realtime tables (chan_sip, IAX, queues, ...): Switchboard never touches them.
  'sippeers', 'iaxfriends', 'meetme', 'musiconhold', 'musiconhold_entry', 'queues', 'queue_members', 'queue_rules', 'extensions', 'stir_tn',
]);
