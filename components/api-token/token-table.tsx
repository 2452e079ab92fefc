import { Pill } from '@/components/ui/badges';
import type { TokenView } from '@/lib/domain/api-token/view';
import { ACCESS_LABEL, type RevokeTokenAction } from './token-actions';
import { TokenRevokeButton } from './token-revoke-button';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const STATUS_TONE = { active: 'green', revoked: 'red', expired: 'amber' } as const;

/** `revoke` absent: read-only, no controls at all. */
export function TokenTable({ tokens, revoke }: { tokens: TokenView[]; revoke?: RevokeTokenAction }) {
  if (tokens.length === 0) return <p className="rounded-lg bg-white p-6 text-sm text-slate-600 ring-1 ring-slate-200">No API tokens yet.</p>;
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">Name</th>
            <th scope="col" className="px-4 py-2">Token</th>
            <th scope="col" className="px-4 py-2">Access</th>
            <th scope="col" className="px-4 py-2">Status</th>
            <th scope="col" className="px-4 py-2">Created (UTC)</th>
            <th scope="col" className="px-4 py-2">Expires (UTC)</th>
            <th scope="col" className="px-4 py-2">Last used (UTC)</th>
            {revoke && <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tokens.map((t) => (
            <tr key={t.id}>
              <td className="px-4 py-2 font-medium">{t.name}</td>
              {/* The prefix tells tokens apart; the rest of the token exists nowhere any more. */}
              <td className="px-4 py-2 font-mono text-xs">{t.tokenPrefix}…</td>
              <td className="whitespace-nowrap px-4 py-2">
                {ACCESS_LABEL[t.access]}
                {t.rateLimitPerMinute !== null && <div className="text-xs text-slate-500">{t.rateLimitPerMinute.toLocaleString('en')} a minute</div>}
              </td>
              <td className="whitespace-nowrap px-4 py-2">
                <Pill tone={STATUS_TONE[t.status]}>{t.status}</Pill>
                {t.revokedAt && (
                  <div className="text-xs text-slate-500">
                    {when.format(t.revokedAt)}
                    {t.revokedBy && ` by ${t.revokedBy}`}
                  </div>
                )}
              </td>
              <td className="whitespace-nowrap px-4 py-2">
                {when.format(t.createdAt)}
                <div className="text-xs text-slate-500">by {t.createdBy}</div>
              </td>
              <td className="whitespace-nowrap px-4 py-2">{t.expiresAt ? when.format(t.expiresAt) : 'never'}</td>
              <td className="whitespace-nowrap px-4 py-2">
                {t.lastUsedAt ? (
                  <>
                    {when.format(t.lastUsedAt)}
                    {t.lastUsedAddress && <div className="font-mono text-xs text-slate-500">from {t.lastUsedAddress}</div>}
                  </>
                ) : (
                  'never'
                )}
              </td>
              {revoke && <td className="px-4 py-2">{t.status === 'active' && <TokenRevokeButton id={t.id} name={t.name} revoke={revoke} />}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
