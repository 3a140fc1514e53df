export interface Change {
  text: string;
  direction: 'up' | 'down' | 'flat' | 'none';
}

/**
 * The change of a figure against the previous period, as people read it: "+12 %" for
 * counts, "+0.4 pt" (percentage points) for rates; "new" when there was nothing before.
 */
export function describeChange(current: number | null, previous: number | null | undefined, kind: 'count' | 'decimal' | 'percent' | 'text' | 'money'): Change {
  if (previous === undefined || current === null || previous === null) return { text: '', direction: 'none' };
  if (kind === 'percent') {
    const points = (current - previous) * 100;
    return { text: `${sign(points)}${Math.abs(points).toFixed(1)} pt`, direction: directionOf(Math.round(points * 10)) };
  }
  if (previous === 0) return current === 0 ? { text: '±0 %', direction: 'flat' } : { text: 'new', direction: 'up' };
  const percent = ((current - previous) / previous) * 100;
  const shown = Math.abs(percent) >= 10 ? Math.round(Math.abs(percent)).toString() : Math.abs(percent).toFixed(1);
  return { text: `${sign(percent)}${shown} %`, direction: directionOf(Math.round(percent * 10)) };
}

const sign = (n: number) => (Math.round(n * 10) === 0 ? '±' : n > 0 ? '+' : '−');
const directionOf = (n: number): Change['direction'] => (n > 0 ? 'up' : n < 0 ? 'down' : 'flat');
