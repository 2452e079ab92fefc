import Link from 'next/link';
import type { Actor } from '@/lib/domain/actor';
import { SignOutButton } from './sign-out-button';

const ROLE = { platform_admin: 'Platform admin', tenant_admin: 'Tenant admin', viewer: 'Viewer' } as const;

export function Nav({ actor }: { actor: Actor }) {
  const links = [
    { href: '/', label: 'Dashboard' },
    { href: '/tenants', label: 'Tenants' },
    { href: '/audit', label: 'Audit log' },
    ...(actor.role === 'platform_admin'
      ? [
          { href: '/admins', label: 'Admins' },
          { href: '/tokens', label: 'API tokens' },
          { href: '/adopt', label: 'Adopt endpoints' },
        ]
      : []),
    // The public API reference, for everyone who might script against the portal.
    { href: '/docs/api', label: 'API' },
  ];
  return (
    <header className="bg-slate-900 text-white">
      <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 text-base font-bold tracking-tight">
          {/* Decorative: the link's text names it. A plain <img>: an SVG gains nothing from next/image. */}
          <img src="/logo.svg" alt="" width={28} height={28} className="size-7" />
          Switchboard
        </Link>
        <ul className="flex flex-wrap gap-1">
          {links.map((l) => (
            <li key={l.href}>
              <Link href={l.href} className="rounded-md px-2 py-1 text-sm font-medium text-slate-300 hover:bg-slate-800 hover:text-white focus-visible:outline-2 focus-visible:outline-white">
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span className="text-slate-400">
            {actor.label} · {ROLE[actor.role]}
          </span>
          <SignOutButton />
        </div>
      </nav>
    </header>
  );
}
