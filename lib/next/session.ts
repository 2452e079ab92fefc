import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '../db/client.ts';
import { actorForAdmin } from '../domain/admin/actor-for-admin.ts';
import type { Actor } from '../domain/actor.ts';
import { authOptions } from './auth.ts';

/** The signed-in admin as an actor, once per request; null when signed out or disabled. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id ? actorForAdmin(getDb(), id) : null;
});

export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect('/signin');
  return actor;
}
