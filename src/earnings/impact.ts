import { cellsAsConversion, statusFromWord, usd, type ReportFormat } from './format.ts';

/**
 * impact.com partner actions: the "Action Listing" report (Reports → Listing → Action
 * Listing; download CSV), older partner exports without "Sale Amount", the paystub listing
 * without "Status" (everything in it is paid), and the Actions API's names (Id, EventDate,
 * Amount, Payout, State, SubId1, Currency). Perch fills `subId1`. Status words: PENDING,
 * APPROVED, REVERSED (and LOCKED / CLEARED, which count as approved).
 */
export const impact: ReportFormat = {
  network: 'impact',
  label: 'Impact',
  columns: {
    transactionId: ['Action Id', 'Action ID', 'Id'],
    date: ['Action Date', 'Event Date', 'EventDate'],
    commission: ['Payout', 'Action Earnings'],
  },
  optional: {
    subId: ['Sub Id 1', 'SubId1', 'Sub ID1'],
    saleAmount: ['Sale Amount', 'Sale Amt', 'Amount'],
    status: ['Status', 'Action Status', 'State'],
    currency: ['Currency'],
  },
  currency: usd,
  toConversion: (c) => ({ ...cellsAsConversion(c), rawStatus: 'status' in c ? c.status : 'PAID' }),
  toStatus: statusFromWord,
};
