import { getDb, type Db } from '../db/client.ts';
import type { Actor } from './actor.ts';

/** Every use case gets who acts and, optionally, which database (a test database, say). */
export type Ctx = { actor: Actor; db?: Db };

export const dbOf = (ctx: Ctx): Db => ctx.db ?? getDb();
