import { Prisma } from '../generated/prisma/client.ts';
import { engineOfDb, type Tx } from './client.ts';
import type { Engine } from './engine.ts';

/**
 * What differs in the SQL text between PostgreSQL and MariaDB/MySQL, for the queries the domain
 * writes by hand. Everything else is written once: MySQL sessions run with ANSI_QUOTES and
 * PIPES_AS_CONCAT (lib/db/client.ts), so "quoted" aliases and `a || b` mean there what they mean
 * in PostgreSQL, and Prisma.sql puts each engine's parameter markers in.
 */
export type Dialect = {
  engine: Engine;
  /** `expr::type` on PostgreSQL, where parameters and columns need it; nothing on MySQL (uuid is CHAR(36)). */
  cast(expr: Prisma.Sql | string, type: 'uuid' | 'text' | 'int4' | 'float8' | string): Prisma.Sql;
  /** A uuid parameter: `$n::uuid` on PostgreSQL, a plain marker on MySQL. */
  uuid(value: string | null): Prisma.Sql;
  /**
   * `column IN (values)` as one parameter however long the list (an import checks 100,000
   * numbers; MySQL takes at most 65,535 markers): an array on PostgreSQL, a JSON array read
   * through JSON_TABLE on MySQL. elementType is PostgreSQL's: text, uuid, int4, int8.
   */
  inList(column: Prisma.Sql | string, values: readonly unknown[], elementType: ElementType): Prisma.Sql;
  /** `column LIKE` any of the patterns, likewise. */
  likeAny(column: Prisma.Sql | string, patterns: readonly string[]): Prisma.Sql;
  /** A timestamp column as float milliseconds since the epoch (sessions are UTC on MySQL). */
  epochMs(column: string, as: string): string;
};

export type ElementType = 'text' | 'uuid' | 'int4' | 'int8';
const MYSQL_ELEMENT: Record<ElementType, string> = { text: 'VARCHAR(1024)', uuid: 'CHAR(36)', int4: 'INT', int8: 'BIGINT' };
const jsonTable = (values: readonly unknown[], type: ElementType) =>
  Prisma.sql`JSON_TABLE(${JSON.stringify(values)}, '$[*]' COLUMNS (v ${Prisma.raw(MYSQL_ELEMENT[type])} PATH '$')) AS list`;

const raw = (e: Prisma.Sql | string) => (typeof e === 'string' ? Prisma.raw(e) : e);

export const postgresDialect: Dialect = {
  engine: 'postgres',
  cast: (expr, type) => Prisma.sql`${raw(expr)}::${Prisma.raw(type)}`,
  uuid: (value) => Prisma.sql`${value}::uuid`,
  inList: (column, values, type) => Prisma.sql`${raw(column)} = ANY(${values}::${Prisma.raw(type)}[])`,
  likeAny: (column, patterns) => Prisma.sql`${raw(column)} LIKE ANY(${patterns}::text[])`,
  epochMs: (column, as) => `floor(extract(epoch from ${column}) * 1000)::float8 AS "${as}"`,
};

export const mysqlDialect: Dialect = {
  engine: 'mariadb',
  cast: (expr) => raw(expr),
  uuid: (value) => Prisma.sql`${value}`,
  inList: (column, values, type) => Prisma.sql`${raw(column)} IN (SELECT list.v FROM ${jsonTable(values, type)})`,
  likeAny: (column, patterns) => Prisma.sql`EXISTS (SELECT 1 FROM ${jsonTable(patterns, 'text')} WHERE ${raw(column)} LIKE list.v)`,
  epochMs: (column, as) => `floor(unix_timestamp(${column}) * 1000) AS "${as}"`,
};

export const dialectOf = (db: Pick<Tx, '$queryRaw'>): Dialect => (engineOfDb(db as Tx) === 'mariadb' ? mysqlDialect : postgresDialect);
