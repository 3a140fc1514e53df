/** Which number comes first in a slash date: 03/09/2025 is 9 March (mdy) or 3 September (dmy). */
export type DateOrder = 'mdy' | 'dmy';

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

/**
 * Parses a report date (optionally with a time) as UTC when no offset is given. Accepted:
 * ISO `2026-03-14`, `2026-03-14 10:22:33`, `2026-03-14T10:22:33-07:00`; US `03/14/2026`,
 * `3/14/26`, `03/14/2026 10:22:33 PM`, `03-14-2026`, `14.03.2026` (dmy); `14-Mar-2026` / `Mar 14, 2026`.
 * Slash dates are month first (as the US networks write them) unless `order` is 'dmy';
 * a trailing ` UTC` (beehiiv) is read as Z. Returns null otherwise.
 */
export function parseDate(input: string | undefined | null, order: DateOrder = 'mdy'): Date | null {
  const text = input?.trim().replace(/ UTC$/i, 'Z');
  if (!text) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(text);
  if (iso) {
    const [, y, m, d, hh = '0', mm = '0', ss = '0', fraction = '', zone] = iso;
    const date = build(+y, +m, +d, +hh, +mm, +ss, zone);
    // Milliseconds kept (Substack and Perch's own export write them).
    return date && new Date(date.getTime() + Number(fraction.padEnd(3, '0').slice(0, 3)));
  }
  const us = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?$/i.exec(text);
  if (us) {
    const [, a, b, y, hh = '0', mm = '0', ss = '0', ampm] = us;
    const [m, d] = order === 'dmy' ? [b, a] : [a, b];
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

const SLASH = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\b/;

/**
 * Collects, across a file's date cells, whether its slash dates are month first or day first:
 * a first number over 12 (25/03/2026) proves day first, a second over 12 proves month first.
 */
export class DateOrderEvidence {
  dayFirstLine: number | null = null;
  monthFirstLine: number | null = null;
  slashDates = 0;

  add(value: string | undefined, line: number): void {
    const m = value ? SLASH.exec(value.trim()) : null;
    if (!m) return;
    this.slashDates++;
    if (+m[1]! > 12 && this.dayFirstLine === null) this.dayFirstLine = line;
    if (+m[2]! > 12 && this.monthFirstLine === null) this.monthFirstLine = line;
  }

  /**
   * The order the data proves; `fallback` when it proves neither (null = refuse), and an
   * error when lines prove both.
   */
  decide(fallback: DateOrder | null): { ok: true; order: DateOrder } | { ok: false; error: string } {
    if (this.dayFirstLine !== null && this.monthFirstLine !== null) {
      return { ok: false, error: `Dates are day first on line ${this.dayFirstLine} but month first on line ${this.monthFirstLine}; fix the file or pass --date-order dmy|mdy.` };
    }
    if (this.dayFirstLine !== null) return { ok: true, order: 'dmy' };
    if (this.monthFirstLine !== null || this.slashDates === 0) return { ok: true, order: 'mdy' };
    if (fallback) return { ok: true, order: fallback };
    return { ok: false, error: 'Cannot tell whether dates like 03/09/2025 are day first or month first in this file (no day above 12). Pass --date-order dmy or --date-order mdy.' };
  }
}
