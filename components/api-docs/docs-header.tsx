import Link from 'next/link';

const link = 'rounded-md px-2 py-1 text-sm font-medium text-slate-300 hover:bg-slate-800 hover:text-white focus-visible:outline-2 focus-visible:outline-white';

/**
 * The reference is public, outside the portal's signed-in layout, so it has its own bar in the
 * portal's colours: back to the portal, and the machine-readable document.
 */
export function DocsHeader({ version }: { version: string }) {
  return (
    <header className="bg-slate-900 text-white">
      <nav aria-label="Site" className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 text-base font-bold tracking-tight">
          {/* Decorative: the link's text names it. */}
          <img src="/logo.svg" alt="" width={28} height={28} className="size-7" />
          Switchboard
        </Link>
        <span className="text-sm text-slate-400">API reference · v{version}</span>
        <ul className="ml-auto flex flex-wrap gap-1">
          <li>
            <a href="/api/v1/openapi.json" download="switchboard-openapi.json" className={link}>
              openapi.json
            </a>
          </li>
          <li>
            <Link href="/" className={link}>
              Portal
            </Link>
          </li>
        </ul>
      </nav>
    </header>
  );
}
