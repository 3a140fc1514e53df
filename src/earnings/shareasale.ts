import { usd, type ReportFormat } from './format.ts';

/**
 * ShareASale affiliate "Activity Details" report (Reports → Activity Details → download,
 * or the affiliate API's `activity` action, pipe-separated). The `afftrack` value Perch sets
 * comes back as "Aff Comment". A transaction is reversed when "Voided" is set, approved when
 * "Locked" is set, pending otherwise.
 */
export const shareasale: ReportFormat = {
  network: 'shareasale',
  label: 'ShareASale',
  columns: {
    subId: ['Aff Comment', 'Affiliate Comment', 'afftrack'],
    transactionId: ['Trans ID', 'Transaction ID'],
    date: ['Trans Date', 'Transaction Date'],
    saleAmount: ['Trans Amount', 'Sale Amount'],
    commission: ['Commission'],
    voided: ['Voided'],
    locked: ['Locked'],
  },
  currency: usd,
  toConversion: (c) => ({
    subId: c.subId,
    transactionId: c.transactionId ?? '',
    date: c.date ?? '',
    saleAmount: c.saleAmount,
    commission: c.commission ?? '',
    rawStatus: isSet(c.voided) ? 'voided' : isSet(c.locked) ? 'locked' : 'open',
  }),
  toStatus: (raw, cents) => (raw === 'voided' || cents < 0 ? 'reversed' : raw === 'locked' ? 'approved' : 'pending'),
};

function isSet(value: string | undefined): boolean {
  const v = (value ?? '').trim().toLowerCase();
  return v !== '' && v !== '0' && v !== 'no' && v !== 'false' && v !== 'n';
}
