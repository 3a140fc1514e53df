import { ratio, type Cell, type Column } from './table.ts';

/** The figures a funnel is drawn from, for the site or one article. */
export interface FunnelCounts {
  views: number;
  /** Clicks made on the site's pages (email and direct clicks had no view). */
  clicks: number;
  signups: number;
  /** Of those signups, how many confirmed. */
  confirmed: number;
  emailClicks: number;
  sales: number;
  commissionCents: number;
}

export interface FunnelStep {
  key: keyof FunnelCounts;
  label: string;
  value: number;
  /** value ÷ the step it is measured against (null when that is zero); views have none. */
  rate: number | null;
  /** What the rate is of, e.g. "of views". */
  rateOf: string;
  previous?: number;
  kind: Column['kind'];
}

// Each step and the step its rate is measured against.
const STEPS: { key: keyof FunnelCounts; label: string; of: keyof FunnelCounts | null; rateOf: string }[] = [
  { key: 'views', label: 'Views', of: null, rateOf: '' },
  { key: 'clicks', label: 'Clicks', of: 'views', rateOf: 'of views' },
  { key: 'signups', label: 'Signups', of: 'views', rateOf: 'of views' },
  { key: 'confirmed', label: 'Confirmed', of: 'signups', rateOf: 'of signups' },
  { key: 'emailClicks', label: 'Email clicks', of: 'confirmed', rateOf: 'per confirmed subscriber' },
  { key: 'sales', label: 'Sales', of: 'clicks', rateOf: 'of clicks' },
];

/**
 * Views → clicks → signups → confirmed → email clicks → sales, each with its rate against
 * the step before it and (when given) the previous period's value. Commission is a figure
 * of the sales step, shown beside it.
 */
export function buildFunnel(current: FunnelCounts, previous?: FunnelCounts): FunnelStep[] {
  return STEPS.map((s) => {
    const denominator = s.key === 'sales' ? current.clicks + current.emailClicks : s.of ? current[s.of] : 0;
    return {
      key: s.key,
      label: s.label,
      value: current[s.key],
      rate: s.of ? ratio(current[s.key], denominator) : null,
      rateOf: s.key === 'sales' ? 'of all clicks' : s.rateOf,
      ...(previous ? { previous: previous[s.key] } : {}),
      kind: 'count' as const,
    };
  });
}

/** The funnel figures of one article from its row in the articles table. */
export function articleFunnel(row: Record<string, Cell>, emailClicks: number): FunnelCounts {
  const n = (key: string) => Number(row[key] ?? 0) || 0;
  return {
    views: n('views'),
    clicks: n('clicks'),
    signups: n('signups'),
    confirmed: n('confirmed'),
    emailClicks,
    sales: n('sales'),
    commissionCents: Math.round(n('commission') * 100),
  };
}
