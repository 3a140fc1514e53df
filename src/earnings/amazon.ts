import type { ReportFormat } from './format.ts';

/**
 * Amazon Associates "Fee-Earnings" report (Reports → Download reports), with the sub-tag
 * column Amazon adds for `ascsubtag` links. Amazon gives no order id per row, so the id is
 * built from tracking id, sub-tag, ASIN, ship date and sign. Rows are shipped items, which
 * Amazon pays ("approved"); returns come as negative rows ("reversed").
 */
export const amazon: ReportFormat = {
  network: 'amazon',
  label: 'Amazon Associates',
  columns: {
    subId: ['Sub Tag', 'SubTag', 'ascsubtag'],
    asin: ['ASIN'],
    trackingId: ['Tracking ID'],
    date: ['Date Shipped'],
    saleAmount: ['Revenue($)', 'Revenue'],
    commission: ['Ad Fees($)', 'Ad Fees', 'Earnings($)', 'Earnings'],
  },
  syntheticIds: true,
  toConversion: (c) => ({
    subId: c.subId,
    transactionId: [c.trackingId, c.subId, c.asin, c.date, c.commission?.trim().startsWith('-') ? 'return' : 'sale'].join('|'),
    date: c.date ?? '',
    saleAmount: c.saleAmount,
    commission: c.commission ?? '',
  }),
  toStatus: (_raw, cents) => (cents < 0 ? 'reversed' : 'approved'),
};
