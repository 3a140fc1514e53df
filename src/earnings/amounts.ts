/**
 * Money and dates as affiliate reports write them, turned into integer cents and UTC dates.
 * Expected bad input is a return value (`null`), so an importer can skip the row with a reason.
 */

/**
 * Parses an amount into integer cents. Accepted:
 * - optional currency sign or upper-case code before or after: `$1,234.56`, `1234.56 USD`, `€12`;
 * - negatives as `-12.34`, `12.34-` or accounting `(12.34)`;
 * - `1,234.56` and `1.234,56` (the last separator is the decimal one when both appear);
 * - `1234,56` / `12,5` (a lone comma followed by one or two digits is a decimal comma);
 *   `1,234` (a lone comma followed by three digits) is a thousands separator;
 * - more than two decimals are rounded half away from zero (`0.125` → 13 cents).
 * Anything else (`12abc`, `1.2.3`, empty) gives `null`.
 */
export function parseAmountCents(input: string | undefined | null): number | null {
  if (input == null) return null;
  let text = input.trim().replace(/[\s\u00a0']/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(text)) [negative, text] = [true, text.slice(1, -1)];
  text = text.replace(/^[A-Z]{3}|[A-Z]{3}$/g, '').replace(/[$€£¥]/g, '');
  if (text.startsWith('-')) [negative, text] = [!negative, text.slice(1)];
  else if (text.endsWith('-')) [negative, text] = [!negative, text.slice(0, -1)];
  else if (text.startsWith('+')) text = text.slice(1);
  const plain = normaliseSeparators(text);
  if (plain === null || !/^\d+(\.\d+)?$/.test(plain)) return null;
  const [whole, fraction = ''] = plain.split('.');
  const digits = (fraction + '000').slice(0, 3);
  let cents = Number(whole) * 100 + Number(digits.slice(0, 2));
  if (Number(digits[2]) >= 5) cents += 1;
  if (!Number.isSafeInteger(cents)) return null;
  return negative && cents !== 0 ? -cents : cents;
}

/** Rewrites `1.234,56` / `1,234.56` / `1234,56` to `1234.56`; null when ambiguous garbage. */
function normaliseSeparators(text: string): string | null {
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    const [head, tail] = [text.slice(0, Math.max(lastComma, lastDot)), text.slice(Math.max(lastComma, lastDot) + 1)];
    if (head.includes(decimal) || !/^\d{1,3}([.,]\d{3})*$/.test(head)) return null;
    return head.split(thousands).join('') + '.' + tail;
  }
  if (lastComma >= 0) {
    if (/^\d+,\d{1,2}$/.test(text)) return text.replace(',', '.');
    if (/^\d{1,3}(,\d{3})+$/.test(text)) return text.replace(/,/g, '');
    return null;
  }
  if ((text.match(/\./g) ?? []).length > 1) return null;
  return text;
}

/** Formats cents for people: `formatCents(123456, 'USD')` → "$1,234.56". */
export function formatCents(cents: number, currency = 'USD'): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

/**
 * Parses a report date (optionally with a time) as UTC when no offset is given. Accepted:
 * ISO `2026-03-14`, `2026-03-14 10:22:33`, `2026-03-14T10:22:33-07:00`; US `03/14/2026`,
 * `3/14/26`, `03/14/2026 10:22:33 PM`, `03-14-2026`; `14-Mar-2026` / `Mar 14, 2026`.
 * Slash dates are month first, as the US networks write them. Returns null otherwise.
 */
export function parseReportDate(input: string | undefined | null): Date | null {
  const text = input?.trim();
  if (!text) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(text);
  if (iso) {
    const [, y, m, d, hh = '0', mm = '0', ss = '0', zone] = iso;
    return build(+y, +m, +d, +hh, +mm, +ss, zone);
  }
  const us = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?$/i.exec(text);
  if (us) {
    const [, m, d, y, hh = '0', mm = '0', ss = '0', ampm] = us;
    return build(fullYear(y), +m, +d, hour(+hh, ampm), +mm, +ss);
  }
  const named = /^(?:(\d{1,2})[- ]([A-Za-z]{3})[A-Za-z]*[- ,]+|([A-Za-z]{3})[A-Za-z]* (\d{1,2}),? )(\d{4})$/.exec(text);
  if (named) {
    const month = MONTHS[(named[2] ?? named[3]).toLowerCase()];
    return month ? build(+named[5], month, +(named[1] ?? named[4]), 0, 0, 0) : null;
  }
  return null;
}

function fullYear(y: string): number {
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

function hour(h: number, ampm?: string): number {
  if (!ampm) return h;
  const pm = ampm.toUpperCase() === 'PM';
  return (h % 12) + (pm ? 12 : 0);
}

function build(y: number, m: number, d: number, hh: number, mm: number, ss: number, zone?: string): Date | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 59) return null;
  let ms = Date.UTC(y, m - 1, d, hh, mm, ss);
  if (new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d) return null;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return new Date(ms);
}
