import type { Device, RegistrationEvent } from '@/lib/generated/prisma/client';

/** The devices an extension was used from, and its latest registration changes. */
export function ExtensionDevices({ devices, events, zone }: { devices: Device[]; events: RegistrationEvent[]; zone: string }) {
  const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  const cell = 'px-3 py-2';
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="px-3 pt-2 text-left text-sm font-medium">Devices seen</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr><th scope="col" className={cell}>Phone</th><th scope="col" className={cell}>MAC</th><th scope="col" className={cell}>First seen</th><th scope="col" className={cell}>Last seen</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {devices.length === 0 && <tr><td colSpan={4} className={`${cell} text-slate-500`}>No phone has registered yet.</td></tr>}
            {devices.map((d) => (
              <tr key={d.id}>
                <td className={cell}>
                  {[d.vendor, d.model].filter(Boolean).join(' ') || 'Unknown'}
                  {d.firmware && <span className="ml-1 text-slate-500">{d.firmware}</span>}
                  {d.lastAddress && <div className="font-mono text-xs text-slate-500">{d.lastAddress}</div>}
                </td>
                <td className={`${cell} font-mono text-xs`}>{d.mac ?? '—'}</td>
                <td className={`${cell} whitespace-nowrap`}>{when.format(d.firstSeen)}</td>
                <td className={`${cell} whitespace-nowrap`}>{when.format(d.lastSeen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="px-3 pt-2 text-left text-sm font-medium">Registration changes</caption>
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr><th scope="col" className={cell}>When</th><th scope="col" className={cell}>Change</th><th scope="col" className={cell}>From</th></tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {events.length === 0 && <tr><td colSpan={3} className={`${cell} text-slate-500`}>Nothing yet.</td></tr>}
            {events.map((e) => (
              <tr key={String(e.id)}>
                <td className={`${cell} whitespace-nowrap`}>{when.format(e.at)}</td>
                <td className={cell}>{e.change}</td>
                <td className={`${cell} font-mono text-xs`}>{e.address ? `${e.address}${e.port ? `:${e.port}` : ''}` : '—'}{e.userAgent && <div className="font-sans text-slate-500">{e.userAgent}</div>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
