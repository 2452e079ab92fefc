import type { DirectorySettingsView } from '@/lib/domain/directory/settings';

const RULE = { digits: 'all its digits', last_digits: 'last N digits', regex: 'regular expression' } as Record<string, string>;

/** The settings for those who may only read them; the password is not among them anywhere. */
export function SettingsSummary({ settings: s }: { settings: DirectorySettingsView }) {
  const rows: [string, string][] = [
    ['URL', `${s.url}${s.startTls ? ' (StartTLS)' : ''}${s.allowPlain ? ' (plain allowed)' : ''}`],
    ['CA certificate', s.caCert ? 'set' : 'public CAs'],
    ['Bind DN', s.bindDn],
    ['Base DN', s.baseDn],
    ['User filter', s.userFilter],
    ['Group DN', s.groupDn ?? '—'],
    ['Number', `${s.numberAttribute}, ${RULE[s.numberRule] ?? s.numberRule}${s.numberRule === 'last_digits' ? ` (${s.numberDigits})` : ''}${s.numberRule === 'regex' ? ` ${s.numberPattern}` : ''}`],
    ['Name / e-mail / login / id', `${s.nameAttribute} / ${s.emailAttribute} / ${s.loginAttribute} / ${s.idAttribute}`],
    ['Disabled when', s.disabledMode === 'uac' ? 'userAccountControl' : s.disabledMode === 'attribute' ? `${s.disabledAttribute} = ${s.disabledValue}` : 'never'],
    ['Grace days', String(s.graceDays)],
    ['Maximum removal', `${s.maxRemovalPercent}%`],
    ['Schedule', s.scheduleMinutes ? `every ${s.scheduleMinutes} minutes` : 'manual'],
  ];
  return (
    <dl className="grid max-w-3xl gap-x-6 gap-y-2 rounded-lg bg-white p-5 text-sm shadow-sm ring-1 ring-slate-200 sm:grid-cols-2">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt className="text-slate-500">{k}</dt>
          <dd className="font-mono text-xs break-all">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
