import { parseDate, type DateOrder } from '../../platform/csv/index.ts';
import { signupSchema } from '../signup-input.ts';
import type { FileHints, ListFormat, Named, Status, Suppression } from './format.ts';

/** One subscriber as an export gives them, checked. Dates the file lacks stay null. */
export interface ImportedSubscriber {
  email: string;
  firstName: string | null;
  lastName: string | null;
  status: Status;
  suppression: Suppression | null;
  signedUpAt: Date | null;
  confirmedAt: Date | null;
  unsubscribedAt: Date | null;
  suppressedAt: Date | null;
  tags: string[];
  /**
   * Perch's own export: when the row was added, its consent source and status source
   * (undefined when the file has no such column; null when it has one, empty).
   */
  addedAt: Date | null;
  source?: string | null;
  statusSource?: string | null;
}

export type Normalised = { ok: true; subscriber: ImportedSubscriber; notes: string[] } | { ok: false; reason: string };

const DATE_ROLES = ['signedUpAt', 'confirmedAt', 'unsubscribedAt', 'suppressedAt', 'addedAt'] as const;

/** Checks one row. A bad email or status rejects it; a bad name or date is dropped with a note. */
export function normaliseRow(format: ListFormat, row: Named, hints: FileHints & { dateOrder: DateOrder }): Normalised {
  const rawEmail = row.email ?? '';
  const email = signupSchema.shape.email.safeParse(rawEmail);
  if (!email.success) return { ok: false, reason: `${email.error.issues[0]!.message} (${JSON.stringify(rawEmail)})` };
  const status = format.status(row, hints);
  if ('error' in status) return { ok: false, reason: status.error };
  const notes: string[] = [];
  let [first, last] = [row.firstName ?? '', row.lastName ?? ''];
  if (!first && row.fullName) {
    const parts = row.fullName.split(/\s+/);
    first = parts[0]!;
    last ||= parts.slice(1).join(' ');
  }
  const name = (value: string, what: string) => {
    if (!value) return null;
    const checked = signupSchema.shape.firstName.safeParse(value);
    if (checked.success && checked.data) return checked.data;
    notes.push(`${what} ${JSON.stringify(value.slice(0, 40))} dropped (${checked.success ? 'empty' : checked.error.issues[0]!.message})`);
    return null;
  };
  const dates = Object.fromEntries(DATE_ROLES.map((role) => {
    const text = row[role];
    const date = text ? parseDate(text, hints.dateOrder) : null;
    if (text && !date) notes.push(`${role} "${text}" is not a date; left empty`);
    return [role, date];
  })) as Record<(typeof DATE_ROLES)[number], Date | null>;
  return {
    ok: true,
    notes,
    subscriber: {
      email: email.data, firstName: name(first, 'first name'), lastName: name(last, 'last name'),
      status: status.status, suppression: status.suppression ?? null, ...dates,
      tags: parseTags(row.tags), source: row.source === undefined ? undefined : row.source || null,
      statusSource: row.statusSource === undefined ? undefined : row.statusSource || null,
    },
  };
}

/** A tags cell: Perch's JSON array, Mailchimp's `"Tag A","Tag B"`, or `a, b` / `a; b`. */
export function parseTags(cell: string | undefined): string[] {
  const text = (cell ?? '').trim();
  if (!text) return [];
  if (text.startsWith('[')) {
    try {
      const list = JSON.parse(text) as unknown;
      if (Array.isArray(list)) return list.map(String);
    } catch {
      /* not JSON: read as a list below */
    }
  }
  const tags = text.match(/"(?:[^"]|"")*"|[^,;]+/g) ?? [];
  return [...new Set(tags.map((t) => t.trim().replace(/^"|"$/g, '').replace(/""/g, '"').trim()).filter(Boolean))];
}
