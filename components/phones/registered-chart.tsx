'use client';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useMounted } from '@/components/ui/use-mounted';

/** Registered phones over time (hourly highs), drawn in the browser from figures aggregated in SQL. */
export function RegisteredChart({ points }: { points: { start: string; registered: number }[] }) {
  const mounted = useMounted();
  const data = points.map((p) => ({ ...p, label: `${p.start.slice(8, 10)}/${p.start.slice(5, 7)} ${p.start.slice(11, 13)}h` }));
  if (!mounted) return <div className="h-48" aria-hidden="true" />;
  return (
    <div className="h-48" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -20 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Line type="stepAfter" dataKey="registered" name="Registered" stroke="#4f46e5" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
