import { cellsAsConversion, statusFromWord, type ReportFormat } from './format.ts';

/**
 * impact.com partner "Action Listing" report (Reports → Listing → Action Listing; download
 * CSV). Perch fills `subId1`, which the report shows as "Sub Id 1". Status words:
 * PENDING, APPROVED, REVERSED (and LOCKED / CLEARED, which count as approved).
 */
export const impact: ReportFormat = {
  network: 'impact',
  label: 'Impact',
  columns: {
    subId: ['Sub Id 1', 'SubId1', 'Sub ID1'],
    transactionId: ['Action Id', 'Action ID'],
    date: ['Action Date'],
    saleAmount: ['Sale Amount', 'Sale Amt'],
    commission: ['Payout', 'Action Earnings'],
    status: ['Status', 'Action Status'],
  },
  optional: { currency: ['Currency'] },
  toConversion: cellsAsConversion,
  toStatus: statusFromWord,
};
