import { cellsAsConversion, statusFromWord, usd, type ReportFormat } from './format.ts';

/**
 * Perch's own format for any other network or a hand-made sheet:
 * `subid,transaction_id,date,sale_amount,commission,status` (an optional `currency` column).
 * Status words: pending, approved (or locked, paid…), reversed (or declined, voided…).
 */
export const generic: ReportFormat = {
  network: 'generic',
  label: 'generic',
  columns: {
    subId: ['subid'],
    transactionId: ['transaction_id'],
    date: ['date'],
    saleAmount: ['sale_amount'],
    commission: ['commission'],
    status: ['status'],
  },
  optional: { currency: ['currency'] },
  currency: usd,
  toConversion: cellsAsConversion,
  toStatus: statusFromWord,
};
