import 'server-only';
import type { NextAuthOptions, Session } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '../db/client.ts';
import { signOutAdmin } from '../domain/admin/sessions.ts';
import { log } from '../log.ts';
import { installPeerStamp } from './peer-stamp.ts';
import { safeCallbackPath } from './safe-redirect.ts';
import { actorForSessionOnce } from './session-actor.ts';
import { signInWithCredentials } from './sign-in.ts';

// Loaded when the server starts (Next preloads every route), before requests are served: from
// then on every request carries its socket's peer address, which the sign-in throttle counts by.
installPeerStamp();

const hours = Number(process.env.SESSION_MAX_AGE_HOURS ?? 8);

/** The session cookie's claims beyond next-auth's own: `sv` is the admin's session version. */
type Claims = { sub?: string; sv?: unknown };

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: hours * 3600 },
  // `csrf=1` marks the sign-in page as reached through next-auth, which has set the CSRF cookie
  // the form needs without JavaScript (app/signin/page.tsx).
  pages: { signIn: '/signin?csrf=1', error: '/signin' },
  providers: [
    CredentialsProvider({
      name: 'E-mail and password',
      credentials: { email: { label: 'E-mail', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        const user = await signInWithCredentials(getDb, credentials, req?.headers);
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    redirect({ url, baseUrl }) {
      return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
    },
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion;
      }
      return token;
    },
    async session({ session, token }) {
      // Only the id and the session version travel in the cookie; role and tenant are read fresh
      // per request, and the version is checked against the admin's then (lib/next/session.ts).
      // An ended session is no session here either: /api/auth/session answers {} (signed out),
      // not the old user.
      const { sub, sv } = token as Claims;
      if (typeof sub !== 'string' || typeof sv !== 'number' || !(await actorForSessionOnce(sub, sv)))
        return {} as Session;
      return { ...session, user: { ...session.user, id: sub, sessionVersion: sv } };
    },
  },
  events: {
    async signOut({ token }) {
      const { sub, sv } = (token ?? {}) as Claims;
      if (typeof sub === 'string' && typeof sv === 'number') await signOutAdmin(getDb(), { adminId: sub, sessionVersion: sv });
    },
  },
  // next-auth's own failures (a sign-out that could not end the sessions, a cookie that does not
  // decrypt) go to our log, not to the console.
  logger: {
    error: (code, metadata) => log.error(`next-auth: ${code}`, { metadata }),
    warn: (code) => log.warn(`next-auth: ${code}`),
    debug: () => {},
  },
};
