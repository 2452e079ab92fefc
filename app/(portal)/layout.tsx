import type { ReactNode } from 'react';
import { Nav } from '@/components/portal/nav';
import { TimeZoneCookie } from '@/components/portal/time-zone-cookie';
import { requireActor } from '@/lib/next/session';
import { adminTimeZone } from '@/lib/next/time-zone';

export const dynamic = 'force-dynamic';

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const [actor, zone] = await Promise.all([requireActor(), adminTimeZone()]);
  return (
    <>
      <TimeZoneCookie current={zone} />
      <Nav actor={actor} />
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </>
  );
}
