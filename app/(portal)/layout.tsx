import type { ReactNode } from 'react';
import { Nav } from '@/components/portal/nav';
import { requireActor } from '@/lib/next/session';

export const dynamic = 'force-dynamic';

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return (
    <>
      <Nav actor={actor} />
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </>
  );
}
