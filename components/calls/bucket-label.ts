import type { CallStats } from '@/lib/domain/calls/stats';

/** `2026-11-22T14` -> `14:00`, `2026-11-22` -> `22 Nov`: a bucket as the axis and the tables show it. */
export function bucketLabel(start: string, bucket: CallStats['bucket']): string {
  if (bucket === 'hour') return `${start.slice(11, 13)}:00`;
  const d = new Date(`${start}T00:00:00Z`);
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}
