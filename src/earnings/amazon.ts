import type { ReportFormat } from './format.ts';

// The marketplace's currency, from the symbol Amazon puts after amount headers: "Ad Fees($)".
const SYMBOLS: Record<string, string> = { '$': 'USD', 'rs.': 'INR', '₹': 'INR', '€': 'EUR', '£': 'GBP', 'c$': 'CAD', 'cdn$': 'CAD', '¥': 'JPY', 'r$': 'BRL', 'a$': 'AUD', 'mx$': 'MXN' };

/**
 * Amazon Associates "Fee-Earnings" report (Reports → Download reports): a title line, then
 * `Category,Name,ASIN,Seller,Tracking ID,Date Shipped,Price($),Items Shipped,Returns,
 * Revenue($),Ad Fees($),Device Type Group` (UK: no `($)`; India: `(Rs.)`; some add
 * `Direct/Indirect`), and a total row. The standard report has no sub-tag column: rows are
 * then joined to a link by tracking id and ASIN. Amazon gives no order id per row, so the id
 * is built from tracking id, sub-tag, ASIN, ship date and sign. Rows are shipped items, which
 * Amazon pays ("approved"); returns come as negative rows ("reversed").
 */
export const amazon: ReportFormat = {
  network: 'amazon',
  label: 'Amazon Associates',
  columns: {
    asin: ['ASIN'],
    trackingId: ['Tracking ID'],
    date: ['Date Shipped'],
    commission: ['Ad Fees($)', 'Ad Fees', 'Earnings($)', 'Earnings'],
  },
  optional: { subId: ['Sub Tag', 'SubTag', 'ascsubtag'], saleAmount: ['Revenue($)', 'Revenue'] },
  syntheticIds: true,
  currency: (header) => {
    const fees = header.find((h) => /^(ad fees|earnings|revenue)\s*\(/i.test(h));
    const symbol = fees ? /\(([^)]*)\)/.exec(fees)![1]!.trim().toLowerCase() : '';
    return SYMBOLS[symbol] ?? null;
  },
  toConversion: (c) => ({
    subId: c.subId,
    transactionId: [c.trackingId, c.subId ?? '', c.asin, c.date, c.commission?.trim().startsWith('-') ? 'return' : 'sale'].join('|'),
    date: c.date ?? '',
    saleAmount: c.saleAmount,
    commission: c.commission ?? '',
    trackingId: c.trackingId,
    asin: c.asin,
  }),
  toStatus: (_raw, cents) => (cents < 0 ? 'reversed' : 'approved'),
};
