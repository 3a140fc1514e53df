import { usd, type ReportFormat } from './format.ts';

/**
 * Rakuten Advertising "Signature Orders" report (Reports → Signature Orders; it lists the
 * `u1` member id Perch fills as "Member ID (U1)"). One row per order and SKU; returns are
 * their own rows with negative Sales and Total Commission (reversed). The report carries no
 * status: processed commissions count as approved.
 */
export const rakuten: ReportFormat = {
  network: 'rakuten',
  label: 'Rakuten Advertising',
  columns: {
    subId: ['Member ID (U1)', 'Member ID', 'u1'],
    orderId: ['Order ID'],
    sku: ['SKU'],
    date: ['Transaction Date'],
    saleAmount: ['Sales', 'Gross Sales'],
    commission: ['Total Commission'],
  },
  optional: { time: ['Transaction Time'], processDate: ['Process Date'], currency: ['Currency'] },
  syntheticIds: true,
  currency: usd,
  toConversion: (c) => ({
    subId: c.subId,
    transactionId: [c.orderId, c.sku, c.processDate, c.commission?.trim().startsWith('-') ? 'return' : 'sale'].join('|'),
    date: c.time ? `${c.date} ${c.time}` : (c.date ?? ''),
    saleAmount: c.saleAmount,
    commission: c.commission ?? '',
    currency: c.currency,
  }),
  toStatus: (_raw, cents) => (cents < 0 ? 'reversed' : 'approved'),
};
