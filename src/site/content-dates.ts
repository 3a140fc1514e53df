/**
 * Strict dates for content. YAML turns `2026-13-45` into a Date that has rolled over to
 * 2027-02-14 before any schema sees it, so dates are also checked in the file's own text:
 * a real calendar day, and a time only with its offset (`Z` or `+01:00`).
 */
import type { ContentProblem } from './content-problem.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
export const DATE_FIELDS = ['publishDate', 'updatedDate', 'showFrom', 'showUntil', 'endsAt'];
const FIELD_LINE = new RegExp(`^\\s*(?:-\\s+)?(${DATE_FIELDS.join('|')})\\s*:\\s*(['"]?)([^'"#\\n]*?)\\2\\s*(?:#.*)?$`);

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Why a date text is not a real date, or undefined when it is one. */
export function dateTextProblem(text: string): string | undefined {
  const m = DATE.exec(text.trim());
  const example = 'like 2026-03-14, or 2026-03-14T09:00:00+01:00 with a time';
  if (!m) return `"${text}" is not a date: write it ${example}`;
  const [, y, mo, d, h, mi, s, offset] = m;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  if (month < 1 || month > 12) return `"${text}" has no month ${month}: months are 01–12`;
  if (day < 1 || day > daysIn(year, month)) return `"${text}": ${y}-${mo} has ${daysIn(year, month)} days`;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)) return `"${text}" is not a time of day`;
  if (h !== undefined && !offset) return `"${text}" has a time but no time zone: add one, like ${text}Z (UTC) or ${text}+01:00`;
  return undefined;
}

/** Every date field in a YAML file or an article's frontmatter that is not a real date, with its line. */
export function checkDateTexts(file: string, source: string): ContentProblem[] {
  const lines = source.split('\n');
  // In an article only the frontmatter holds fields; the body may quote anything.
  const end = lines[0]?.trim() === '---' ? lines.indexOf('---', 1) : lines.length;
  return lines.slice(0, end < 0 ? lines.length : end).flatMap((line, i) => {
    const m = FIELD_LINE.exec(line);
    const problem = m && m[3] ? dateTextProblem(m[3]) : undefined;
    return problem ? [{ file, field: `${m![1]} (line ${i + 1})`, message: problem }] : [];
  });
}
