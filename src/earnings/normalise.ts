import type { ConversionStatus } from '../../db/schema/earnings.ts';
import { parseDate, type DateOrder } from '../platform/csv/dates.ts';
import { parseAmountCents, type Decimal } from './amounts.ts';
import type { RawConversion, ReportFormat } from './format.ts';
import { cleanText } from '../platform/text.ts';

/** A conversion ready to store, before it is joined to a click. */
export interface NormalisedConversion {
  network: string;
  transactionId: string;
  subId: string | null;
  occurredAt: Date;
  saleAmountCents: number | null;
  commissionCents: number;
  currency: string;
  status: ConversionStatus;
  rawStatus: string | null;
  /** The link an Amazon row without sub-tag was joined to by tracking id and ASIN. */
  linkSlug?: string | null;
  /** True when the source gave no date (a postback without one): an update keeps the stored date. */
  dateDefaulted?: boolean;
}

export type NormaliseResult = { ok: true; conversion: NormalisedConversion } | { ok: false; reason: string };

/** Checks and converts one report row; a bad cell is a reason, never an exception. */
export function normaliseConversion(format: ReportFormat, raw: RawConversion, file: { dateOrder?: DateOrder; decimal?: Decimal } = {}): NormaliseResult {
  const transactionId = raw.transactionId.trim();
  if (!transactionId || /^\|*$/.test(transactionId)) return { ok: false, reason: 'no transaction id' };
  const commissionCents = parseAmountCents(raw.commission, file.decimal);
  if (commissionCents === null) return { ok: false, reason: `commission "${raw.commission}" is not an amount` };
  const saleText = raw.saleAmount?.trim();
  const saleAmountCents = saleText ? parseAmountCents(saleText, file.decimal) : null;
  if (saleText && saleAmountCents === null) return { ok: false, reason: `sale amount "${saleText}" is not an amount` };
  const occurredAt = parseDate(raw.date, file.dateOrder);
  if (!occurredAt) return { ok: false, reason: `date "${raw.date}" is not a date (use 2026-03-14 or 03/14/2026)` };
  const currency = (raw.currency?.trim() || 'USD').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) return { ok: false, reason: `currency "${raw.currency}" is not a 3-letter code` };
  const rawStatus = cleanText(raw.rawStatus, 64);
  return {
    ok: true,
    conversion: {
      network: format.network,
      transactionId,
      subId: raw.subId?.trim() || null,
      occurredAt,
      saleAmountCents,
      commissionCents,
      currency,
      status: format.toStatus(rawStatus ?? undefined, commissionCents),
      rawStatus,
    },
  };
}
