import { cellsAsConversion, statusFromWord, type ReportFormat } from './format.ts';

// Awin's numeric statuses, as some exports write them.
const NUMERIC: Record<string, string> = { '0': 'pending', '1': 'approved', '2': 'declined' };

/**
 * Awin transactions: the publisher API's fields as a flattened export (id, transactionDate,
 * commissionAmount, saleAmount, commissionStatus, clickRef, currency) and the UI's title-case
 * names (Transaction ID, Transaction Date, Commission Amount, Sale Amount, Commission Status,
 * Click Ref). Status: pending / approved / declined / deleted, or 0 / 1 / 2. Awin pays in
 * many currencies, so a file without a currency column needs --currency.
 */
export const awin: ReportFormat = {
  network: 'awin',
  label: 'Awin',
  columns: {
    transactionId: ['id', 'Transaction ID', 'Transaction Id'],
    date: ['transactionDate', 'Transaction Date'],
    commission: ['commissionAmount', 'commissionAmount.amount', 'Commission Amount', 'Commission'],
    status: ['commissionStatus', 'Commission Status', 'Status'],
  },
  optional: {
    subId: ['clickRef', 'clickRefs.clickRef', 'Click Ref', 'Clickref'],
    saleAmount: ['saleAmount', 'saleAmount.amount', 'Sale Amount', 'Sale Value'],
    currency: ['currency', 'commissionAmount.currency', 'Currency', 'Commission Currency'],
  },
  currency: () => null,
  toConversion: cellsAsConversion,
  toStatus: (raw, cents) => {
    const word = (raw ?? '').trim().toLowerCase();
    return word === 'deleted' ? 'reversed' : statusFromWord(NUMERIC[word] ?? word, cents);
  },
};
