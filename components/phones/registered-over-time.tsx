import { RegisteredChart } from './registered-chart';

/** The chart and, beside it, its figures in words: now, the high and the low of the range. */
export function RegisteredOverTime({ points, rangeLabel }: { points: { start: string; registered: number }[]; rangeLabel: string }) {
  const values = points.map((p) => p.registered);
  return (
    <section aria-labelledby="registered-over-time" className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id="registered-over-time" className="text-base font-semibold">Registered phones</h2>
      {points.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">No samples yet: the count is taken every five minutes.</p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-600" data-testid="registered-summary">
            {rangeLabel}: {values.at(-1)} registered at the last sample, at most {Math.max(...values)}, at least {Math.min(...values)}.
          </p>
          <RegisteredChart points={points} />
        </>
      )}
    </section>
  );
}
