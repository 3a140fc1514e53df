import type { ConversionStatus } from '../../db/schema/earnings.ts';

export const REPORT_NETWORKS = ['amazon', 'impact', 'shareasale', 'cj', 'rakuten', 'awin', 'generic'] as const;
export type ReportNetwork = (typeof REPORT_NETWORKS)[number];

/** One report row, still as text, in Perch's terms. */
export interface RawConversion {
  subId?: string;
  transactionId: string;
  date: string;
  saleAmount?: string;
  commission: string;
  rawStatus?: string;
  currency?: string;
  /** Amazon without a sub-tag: the tracking id and ASIN that may name one link. */
  trackingId?: string;
  asin?: string;
}

/**
 * How one network's export maps onto a conversion. `columns` lists, per role, the header
 * names the network writes (compared loosely, see columnKey); all roles in `columns` are
 * required, those in `optional` are read when present.
 */
export interface ReportFormat {
  network: ReportNetwork;
  label: string;
  columns: Record<string, string[]>;
  optional?: Record<string, string[]>;
  /**
   * True when the network gives no per-commission id and `toConversion` builds one from the
   * row: identical rows in one file then get `#2`, `#3`… instead of being skipped as repeats.
   */
  syntheticIds?: boolean;
  /**
   * The currency when a row has no currency column: fixed (US networks report USD), read from
   * the header (Amazon's "Ad Fees($)"), or null: then the importer needs --currency.
   */
  currency(header: string[]): string | null;
  toConversion(cells: Record<string, string | undefined>): RawConversion;
  toStatus(rawStatus: string | undefined, commissionCents: number): ConversionStatus;
}

const APPROVED = new Set(['approved', 'locked', 'closed', 'paid', 'confirmed', 'cleared', 'final', 'completed']);
const REVERSED = new Set(['reversed', 'declined', 'rejected', 'voided', 'void', 'cancelled', 'canceled', 'returned', 'refunded', 'reversal']);

/** Maps the common status words; unknown or empty words stay pending (never counted as paid). */
export function statusFromWord(word: string | undefined, commissionCents: number): ConversionStatus {
  const key = (word ?? '').trim().toLowerCase();
  if (REVERSED.has(key)) return 'reversed';
  if (APPROVED.has(key)) return 'approved';
  return commissionCents < 0 ? 'reversed' : 'pending';
}

/** The usual mapping: the named columns as they are, for reports with an id and a status column. */
export function cellsAsConversion(c: Record<string, string | undefined>): RawConversion {
  return {
    subId: c.subId,
    transactionId: c.transactionId ?? '',
    date: c.date ?? '',
    saleAmount: c.saleAmount,
    commission: c.commission ?? '',
    rawStatus: c.status,
    currency: c.currency,
  };
}

/** Networks that report in US dollars unless a currency column says otherwise. */
export const usd = (): string => 'USD';
