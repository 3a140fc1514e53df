import { cellsAsConversion, type ReportFormat } from './format.ts';

/**
 * CJ (Commission Junction) commission detail: the REST export's names (Commission Detail
 * report download and the v3 API: commission-id, event-date, sale-amount, commission-amount,
 * action-status, sid) and the GraphQL API's (commissionId, eventDate, saleAmountUsd,
 * pubCommissionAmountUsd, actionStatus, shopperId). Perch fills `sid`. Action status:
 * new / extended → pending, locked / closed → approved, compared without case; CJ reports a
 * correction as its own row with a negative amount, which counts as reversed.
 */
export const cj: ReportFormat = {
  network: 'cj',
  label: 'CJ',
  columns: {
    transactionId: ['Commission ID', 'commission-id', 'commissionId'],
    date: ['Event Date', 'event-date', 'eventDate'],
    commission: ['Publisher Commission', 'Commission Amount', 'commission-amount', 'pubCommissionAmountUsd', 'pubCommissionAmountPubCurrency'],
    status: ['Action Status', 'action-status', 'actionStatus', 'Status'],
  },
  optional: {
    subId: ['SID', 'shopperId'],
    saleAmount: ['Sale Amount', 'sale-amount', 'saleAmountUsd', 'saleAmountPubCurrency'],
    currency: ['Currency', 'Publisher Currency', 'pubCurrency'],
  },
  // Names ending in "Usd" or "(USD)" are dollars; "PubCurrency" ones need a currency column or --currency.
  currency: (header) => (header.some((h) => /^(pubCommissionAmountPubCurrency)$/i.test(h)) ? null : 'USD'),
  toConversion: cellsAsConversion,
  toStatus: (raw, cents) => {
    const word = (raw ?? '').trim().toLowerCase();
    if (cents < 0 || word === 'corrected' || word === 'reversed') return 'reversed';
    return word === 'locked' || word === 'closed' ? 'approved' : 'pending';
  },
};
