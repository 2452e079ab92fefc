import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import type { Actor } from '../domain/actor.ts';
import { authOptions } from './auth.ts';
import { actorForSessionOnce } from './session-actor.ts';

/**
 * The signed-in admin as an actor, once per request; null when signed out, disabled, or when the
 * session was ended (sign-out elsewhere, password reset, role change). Pages and server actions
 * (lib/next/action.ts) both come through here.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const user = session?.user as { id?: unknown; sessionVersion?: unknown } | undefined;
  if (typeof user?.id !== 'string' || typeof user.sessionVersion !== 'number') return null;
  return actorForSessionOnce(user.id, user.sessionVersion);
});

export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect('/signin');
  return actor;
}
