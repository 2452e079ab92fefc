import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '../db/client.ts';
import { authenticate } from '../domain/admin/authenticate.ts';
import { isAppError } from '../errors.ts';

const hours = Number(process.env.SESSION_MAX_AGE_HOURS ?? 8);

/** The client address as the first proxy (or Next's own server) recorded it. */
function clientAddress(headers: Record<string, string | string[] | undefined> | undefined): string | null {
  const forwarded = headers?.['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || null;
}

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: hours * 3600 },
  pages: { signIn: '/signin', error: '/signin' },
  providers: [
    CredentialsProvider({
      name: 'E-mail and password',
      credentials: { email: { label: 'E-mail', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        try {
          const user = await authenticate(getDb(), credentials ?? { email: '', password: '' }, clientAddress(req?.headers));
          return { id: user.id, email: user.email, name: user.name, role: user.role, tenantId: user.tenantId };
        } catch (err) {
          // next-auth hands this message to the sign-in form as the error.
          if (isAppError(err)) throw new Error(err.message);
          throw err;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      // Only the id travels in the cookie; role and tenant are read fresh per request.
      return { ...session, user: { ...session.user, id: token.sub } };
    },
  },
};
