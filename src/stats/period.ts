import { DAY_MS, dayOf, startOfDay } from '../platform/time.ts';

/** The periods the stats page offers: the last N UTC days including today, or all time. */
export const PERIODS = ['7', '30', '90', 'all'] as const;
export type PeriodId = (typeof PERIODS)[number];

export const DEFAULT_PERIOD: PeriodId = '30';

/** A range of whole UTC days, both ends included (YYYY-MM-DD). */
export interface DayRange {
  from: string;
  to: string;
}

export interface Period {
  id: PeriodId;
  label: string;
  current: DayRange;
  /** The same number of days just before; null for all time (there is nothing before it). */
  previous: DayRange | null;
}


/** Reads `?period=`; anything unknown falls back to the default (the page is not an API). */
export function parsePeriodId(value: string | null | undefined): PeriodId {
  return (PERIODS as readonly string[]).includes(value ?? '') ? (value as PeriodId) : DEFAULT_PERIOD;
}

/**
 * The day ranges of a period ending today. `firstDay` is the first day with any data,
 * used as the start of "all time".
 */
export function getPeriod(id: PeriodId, now: Date, firstDay: string | null): Period {
  const today = dayOf(now.getTime());
  if (id === 'all') {
    const from = firstDay && firstDay < today ? firstDay : today;
    return { id, label: 'All time', current: { from, to: today }, previous: null };
  }
  const days = Number(id);
  const start = startOfDay(today) - (days - 1) * DAY_MS;
  return {
    id,
    label: `Last ${days} days`,
    current: { from: dayOf(start), to: today },
    previous: { from: dayOf(start - days * DAY_MS), to: dayOf(start - DAY_MS) },
  };
}

/** Every day of a range, in order. */
export function daysOf(range: DayRange): string[] {
  const days: string[] = [];
  for (let t = startOfDay(range.from); t <= startOfDay(range.to); t += DAY_MS) days.push(dayOf(t));
  return days;
}

/** Milliseconds of a range as a half-open interval [start, end), for timestamp columns. */
export function msOf(range: DayRange): { start: number; end: number } {
  return { start: startOfDay(range.from), end: startOfDay(range.to) + DAY_MS };
}


/** The month of a day, YYYY-MM. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** The month before a YYYY-MM month. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return dayOf(Date.UTC(y, m, 0));
}

/** A range of whole months, both ends included (YYYY-MM). */
export interface MonthRange {
  from: string;
  to: string;
}

/**
 * Splits a day range into the complete months inside it that ended before `today`'s month
 * (read from the monthly roll-up) and the remaining days at either end (read day by day).
 */
export function splitByMonth(range: DayRange, today: string): { months: MonthRange | null; days: DayRange[] } {
  let first = monthOf(range.from);
  if (!range.from.endsWith('-01')) first = nextMonth(first);
  let last = monthOf(range.to);
  if (range.to !== lastDayOfMonth(last)) last = previousMonth(last);
  const lastComplete = previousMonth(monthOf(today));
  if (last > lastComplete) last = lastComplete;
  if (first > last) return { months: null, days: [range] };
  const days: DayRange[] = [];
  const head = dayOf(startOfDay(`${first}-01`) - DAY_MS);
  if (range.from <= head) days.push({ from: range.from, to: head });
  const tail = dayOf(startOfDay(lastDayOfMonth(last)) + DAY_MS);
  if (tail <= range.to) days.push({ from: tail, to: range.to });
  return { months: { from: first, to: last }, days };
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
