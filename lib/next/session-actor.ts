import 'server-only';
import { cache } from 'react';
import { getDb } from '../db/client.ts';
import { actorForSession } from '../domain/admin/actor-for-admin.ts';

/**
 * The actor behind a session's id and version, looked up once per request: next-auth's session
 * callback checks the version with it, and currentActor then reuses the same answer.
 */
export const actorForSessionOnce = cache((adminId: string, sessionVersion: number) => actorForSession(getDb(), { adminId, sessionVersion }));
