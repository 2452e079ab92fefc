import type { CallStats } from '@/lib/domain/calls/stats';
import { bucketLabel } from './bucket-label';
import { CountChart, OutcomeChart } from './call-charts';
import { DIRECTION, talkTime } from './calls-table';

const percent = (n: number, of: number) => (of ? `${Math.round((n / of) * 100)}%` : '—');

/**
 * How calls went over a range, at a glance: charts for the eye, and beside each the same figures
 * as a sentence and a table, for screen readers (the charts themselves are hidden from them).
 */
export function CallActivity({ stats, title, rangeLabel }: { stats: CallStats; title: string; rangeLabel: string }) {
  const t = stats.total;
  const busiest = stats.busiest.map((b) => ({ label: `${b.number} ${b.name}`, calls: b.calls }));
  const directions = stats.byDirection.map((d) => ({ label: DIRECTION[d.direction], calls: d.calls }));
  const small = 'mt-2 w-full text-left text-xs text-slate-600 [&_td]:py-0.5 [&_th]:py-0.5 [&_td]:tabular-nums';
  return (
    <section aria-labelledby="call-activity" className="mb-6 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="call-activity" className="text-base font-semibold">{title}</h2>
      <p className="mt-1 text-sm text-slate-600" data-testid="call-summary">
        {rangeLabel}: {t.calls.toLocaleString('en')} calls, {t.answered.toLocaleString('en')} answered ({percent(t.answered, t.calls)}), {t.missed.toLocaleString('en')} missed or busy,{' '}
        {t.failed.toLocaleString('en')} failed or refused; {talkTime(t.talkSeconds)} talked.
      </p>
      {t.calls === 0 ? null : (
        <div className="mt-4 grid gap-6 lg:grid-cols-3">
          <figure className="lg:col-span-3">
            <figcaption className="text-sm font-medium">Calls per {stats.bucket} by outcome</figcaption>
            <OutcomeChart stats={stats} />
            <details className="mt-1">
              <summary className="cursor-pointer text-xs text-slate-500">Figures</summary>
              <table className={small} aria-label={`Calls per ${stats.bucket} by outcome`}>
                <thead><tr><th scope="col">{stats.bucket === 'hour' ? 'Hour' : 'Day'}</th><th scope="col">Answered</th><th scope="col">Missed or busy</th><th scope="col">Failed or refused</th></tr></thead>
                <tbody>
                  {stats.series.filter((b) => b.answered + b.missed + b.failed > 0).map((b) => (
                    <tr key={b.start}><th scope="row" className="font-normal">{stats.bucket === 'hour' ? `${b.start.slice(0, 10)} ${bucketLabel(b.start, 'hour')}` : bucketLabel(b.start, 'day')}</th><td>{b.answered}</td><td>{b.missed}</td><td>{b.failed}</td></tr>
                  ))}
                </tbody>
              </table>
            </details>
          </figure>
          <figure>
            <figcaption className="text-sm font-medium">By direction</figcaption>
            <CountChart rows={directions} />
            <table className={small} aria-label="Calls by direction">
              <tbody>{directions.map((d) => <tr key={d.label}><th scope="row" className="font-normal">{d.label}</th><td>{d.calls}</td></tr>)}</tbody>
            </table>
          </figure>
          <figure className="lg:col-span-2">
            <figcaption className="text-sm font-medium">Busiest extensions</figcaption>
            <CountChart rows={busiest} />
            <table className={small} aria-label="Busiest extensions">
              <tbody>{busiest.map((b) => <tr key={b.label}><th scope="row" className="font-normal">{b.label}</th><td>{b.calls}</td></tr>)}</tbody>
            </table>
          </figure>
        </div>
      )}
    </section>
  );
}
