'use client';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CallStats } from '@/lib/domain/calls/stats';
import { useMounted } from '@/components/ui/use-mounted';
import { bucketLabel } from './bucket-label';

const COLORS = { answered: '#16a34a', missed: '#d97706', failed: '#dc2626', bar: '#4f46e5' };

/** Calls per hour or day, stacked by how they ended. Drawn in the browser; the figures come from SQL. */
export function OutcomeChart({ stats }: { stats: CallStats }) {
  const mounted = useMounted();
  const data = stats.series.map((b) => ({ ...b, label: bucketLabel(b.start, stats.bucket) }));
  if (!mounted) return <div className="h-56" aria-hidden="true" />;
  return (
    <div className="h-56" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -20 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="answered" stackId="a" fill={COLORS.answered} name="Answered" isAnimationActive={false} />
          <Bar dataKey="missed" stackId="a" fill={COLORS.missed} name="Missed or busy" isAnimationActive={false} />
          <Bar dataKey="failed" stackId="a" fill={COLORS.failed} name="Failed or refused" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** One bar per item (directions, or the busiest extensions), lying down so labels stay readable. */
export function CountChart({ rows }: { rows: { label: string; calls: number }[] }) {
  const mounted = useMounted();
  const height = Math.max(80, rows.length * 28 + 20);
  if (!mounted) return null;
  return (
    <div style={{ height }} aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 8 }}>
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="label" width={110} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Bar dataKey="calls" fill={COLORS.bar} name="Calls" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
