import { cellsAsConversion, type ReportFormat } from './format.ts';

/**
 * CJ (Commission Junction) "Commission Detail" export (Reports → Commission Detail →
 * download CSV; the same names as the Commission Detail API's fields). Perch fills `sid`.
 * Action status: new / extended → pending, locked / closed → approved; CJ reports a
 * correction as its own row with a negative amount, which counts as reversed.
 */
export const cj: ReportFormat = {
  network: 'cj',
  label: 'CJ',
  columns: {
    subId: ['SID'],
    transactionId: ['Commission ID', 'commission-id'],
    date: ['Event Date', 'event-date'],
    saleAmount: ['Sale Amount', 'sale-amount', 'Sale Amount (USD)'],
    commission: ['Publisher Commission', 'Commission Amount', 'commission-amount', 'Publisher Commission (USD)'],
    status: ['Action Status', 'action-status', 'Status'],
  },
  optional: { currency: ['Currency', 'Publisher Currency'] },
  toConversion: cellsAsConversion,
  toStatus: (raw, cents) => {
    const word = (raw ?? '').trim().toLowerCase();
    if (cents < 0 || word === 'corrected' || word === 'reversed') return 'reversed';
    return word === 'locked' || word === 'closed' ? 'approved' : 'pending';
  },
};
