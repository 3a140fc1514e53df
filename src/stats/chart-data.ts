/** A chart series: one value per bucket (a day, or a week for long periods). */
export interface ChartSeries {
  label: string;
  values: number[];
}

export interface ChartData {
  /** Bucket labels: a day (YYYY-MM-DD), or the first day of a week. */
  buckets: string[];
  /** "day" or "week": what one bar is. */
  unit: 'day' | 'week';
  series: ChartSeries[];
}

/** Periods longer than this are drawn per week: a bar a day stops being readable. */
const MAX_DAILY_BARS = 92;

/** Daily series → chart buckets: days as they are for short periods, else summed by 7 days (the last bucket ends today). */
export function toChartData(days: string[], series: ChartSeries[]): ChartData {
  if (days.length <= MAX_DAILY_BARS) return { buckets: days, unit: 'day', series };
  const starts: number[] = [];
  for (let i = days.length % 7; i < days.length; i += 7) starts.push(i);
  if (days.length % 7) starts.unshift(0);
  const sum = (values: number[], from: number, to: number) => values.slice(from, to).reduce((a, b) => a + b, 0);
  return {
    buckets: starts.map((i) => days[i]!),
    unit: 'week',
    series: series.map((s) => ({ label: s.label, values: starts.map((from, k) => sum(s.values, from, starts[k + 1] ?? days.length)) })),
  };
}

/** Round axis ticks from 0 to at least `max`: 0, step, 2·step (1, 2 or 5 × 10ⁿ). */
export function axisTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / 2;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const top = Math.max(1, Math.ceil(max / step)) * step;
  return Array.from({ length: Math.round(top / step) + 1 }, (_, i) => Math.round(i * step));
}
