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
export function parseAmountCents(input: string | undefined | null, decimal?: Decimal): number | null {
  if (input == null) return null;
  let text = input.trim().replace(/[\s\u00a0']/g, '');
  let negative = false;
  if (/^\(.*\)$/.test(text)) [negative, text] = [true, text.slice(1, -1)];
  text = text.replace(/^[A-Z]{3}|[A-Z]{3}$/g, '').replace(/[$€£¥]/g, '');
  if (text.startsWith('-')) [negative, text] = [!negative, text.slice(1)];
  else if (text.endsWith('-')) [negative, text] = [!negative, text.slice(0, -1)];
  else if (text.startsWith('+')) text = text.slice(1);
  const plain = decimal ? withDecimal(text, decimal) : normaliseSeparators(text);
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

/** The decimal separator a file uses. */
export type Decimal = '.' | ',';

/** `text` with the file's decimal separator known: the other one may only group thousands. */
function withDecimal(text: string, decimal: Decimal): string | null {
  const thousands = decimal === '.' ? ',' : '.';
  const [head = '', tail, extra] = text.split(decimal);
  if (extra !== undefined) return null;
  if (head.includes(thousands) && !new RegExp(`^\\d{1,3}(\\${thousands}\\d{3})+$`).test(head)) return null;
  return head.split(thousands).join('') + (tail === undefined ? '' : `.${tail}`);
}

/**
 * Collects, across a file's amount cells, which separator is the decimal one: `12,50`,
 * `1.234,56` and `1.234.567` prove a comma; `12.50`, `1,234.56` and `1,234,567` a dot.
 * `1.234` or `1,234` alone proves nothing.
 */
export class DecimalEvidence {
  commaLine: number | null = null;
  dotLine: number | null = null;
  ambiguous = 0;

  add(value: string | undefined, line: number): void {
    const text = (value ?? '').replace(/[^\d.,]/g, '');
    const proves = (d: Decimal) => {
      if (d === ',') this.commaLine ??= line;
      else this.dotLine ??= line;
    };
    const [comma, dot] = [text.lastIndexOf(','), text.lastIndexOf('.')];
    if (comma >= 0 && dot >= 0) return proves(comma > dot ? ',' : '.');
    const sep = comma >= 0 ? ',' : dot >= 0 ? '.' : null;
    if (!sep) return;
    const other: Decimal = sep === ',' ? '.' : ',';
    if (text.split(sep).length > 2) return proves(other);
    if (/^\d*[.,]\d{3}$/.test(text) && !/^0*[.,]/.test(text)) this.ambiguous++;
    else proves(sep);
  }

  /**
   * The separator for cells that cannot tell by themselves (`1.234`), or undefined when the
   * file has none (each cell is then read as it shows). Refused when the file proves both or,
   * without `fallback`, neither.
   */
  decide(fallback: Decimal | null): { ok: true; decimal?: Decimal } | { ok: false; error: string } {
    if (this.ambiguous === 0) return { ok: true };
    if (this.commaLine !== null && this.dotLine !== null) {
      return { ok: false, error: `Amounts use a decimal comma on line ${this.commaLine} but a decimal point on line ${this.dotLine}, so 1.234 cannot be read; fix the file or pass --decimal , or --decimal .` };
    }
    if (this.commaLine !== null) return { ok: true, decimal: ',' };
    if (this.dotLine !== null) return { ok: true, decimal: '.' };
    if (fallback) return { ok: true, decimal: fallback };
    return { ok: false, error: 'Cannot tell whether amounts like 1.234 mean one thousand or one point two in this file. Pass --decimal , (comma) or --decimal . (point).' };
  }
}

/** Formats cents for people: `formatCents(123456, 'USD')` → "$1,234.56". */
export function formatCents(cents: number, currency = 'USD'): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

export { parseDate as parseReportDate } from '../platform/csv/dates.ts';
