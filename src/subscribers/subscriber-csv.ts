import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { asc } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { subscribers } from '../../db/schema/subscribers.ts';
import { signupSchema } from './signup-input.ts';

export const IMPORT_TOOLS = ['kit', 'mailchimp', 'beehiiv', 'plain'] as const;
export type ImportTool = (typeof IMPORT_TOOLS)[number];

type Status = 'pending' | 'confirmed' | 'unsubscribed';
type Suppression = 'bounce' | 'complaint' | null;

/** Each tool's column names (lower-case) for the fields Perch keeps, in order of preference. */
const COLUMNS: Record<ImportTool, { email: string[]; firstName: string[]; status: string[]; createdAt: string[] }> = {
  kit: { email: ['email_address', 'email'], firstName: ['first_name'], status: ['state', 'status'], createdAt: ['created_at'] },
  mailchimp: { email: ['email address', 'email'], firstName: ['first name', 'fname'], status: ['status'], createdAt: ['confirm_time', 'optin_time'] },
  beehiiv: { email: ['email'], firstName: ['first_name', 'name'], status: ['status'], createdAt: ['created_at', 'subscribed_at'] },
  plain: { email: ['email'], firstName: ['first_name'], status: ['status'], createdAt: ['created_at'] },
};

/** Every tool's words for a subscriber's state, mapped onto Perch's. */
const STATUSES: Record<string, [Status, Suppression]> = {
  confirmed: ['confirmed', null], active: ['confirmed', null], subscribed: ['confirmed', null], cold: ['confirmed', null],
  pending: ['pending', null], unconfirmed: ['pending', null], validating: ['pending', null],
  unsubscribed: ['unsubscribed', null], inactive: ['unsubscribed', null], cancelled: ['unsubscribed', null], canceled: ['unsubscribed', null],
  bounced: ['unsubscribed', 'bounce'], cleaned: ['unsubscribed', 'bounce'], complained: ['unsubscribed', 'complaint'],
};

/** Which tool exported this file, from its header row. */
export function detectTool(header: string[]): ImportTool {
  const names = new Set(header.map((h) => h.trim().toLowerCase()));
  if (names.has('email address')) return 'mailchimp';
  if (names.has('email_address') || names.has('state')) return 'kit';
  if (['utm_source', 'referring_site', 'subscription_tier', 'stripe_customer_id'].some((n) => names.has(n))) return 'beehiiv';
  return 'plain';
}

function pick(row: Record<string, string>, names: string[]): string {
  for (const name of names) if (row[name]?.trim()) return row[name].trim();
  return '';
}

function parseDate(value: string): Date | null {
  // Mailchimp writes "2024-03-01 09:15:00" in UTC without saying so.
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : new Date(time);
}

/** Mailchimp exports one file per status: the columns say which file this is. */
function mailchimpStatus(row: Record<string, string>): string {
  if ('clean_time' in row) return 'cleaned';
  if ('unsub_time' in row) return 'unsubscribed';
  return pick(row, ['status']) || 'subscribed';
}

export interface ImportReport {
  tool: ImportTool;
  imported: number;
  byStatus: Record<Status, number>;
  /** 1-based line numbers in the file (the header is line 1). */
  duplicates: { line: number; email: string }[];
  invalid: { line: number; reason: string }[];
}

/**
 * Imports another tool's export (Kit, Mailchimp, Beehiiv or Perch's own columns). Subscribers
 * keep their status, with `import:<tool>` as the consent source; addresses already on the
 * list or repeated in the file are skipped, and so are invalid rows, all listed in the report.
 */
export async function importSubscribersCsv(db: Db, csv: string, tool?: ImportTool, now = Date.now()): Promise<ImportReport> {
  const records = parse(csv, { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), bom: true, skip_empty_lines: true, relax_column_count: true, info: true }) as { record: Record<string, string>; info: { lines: number } }[];
  const header = records.length ? Object.keys(records[0]!.record) : [];
  const from = tool ?? detectTool(header);
  const report: ImportReport = { tool: from, imported: 0, byStatus: { pending: 0, confirmed: 0, unsubscribed: 0 }, duplicates: [], invalid: [] };
  const seen = new Set((await db.select({ email: subscribers.email }).from(subscribers)).map((r) => r.email.toLowerCase()));
  const rows: (typeof subscribers.$inferInsert)[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const columns = COLUMNS[from];
    const parsed = signupSchema.safeParse({ email: pick(record, columns.email), firstName: pick(record, columns.firstName).slice(0, 60) });
    if (!parsed.success) {
      report.invalid.push({ line, reason: `${parsed.error.issues[0]!.message} (${JSON.stringify(pick(record, columns.email))})` });
      continue;
    }
    const word = (from === 'mailchimp' ? mailchimpStatus(record) : pick(record, columns.status)).toLowerCase();
    const mapped = STATUSES[word];
    if (!mapped) {
      report.invalid.push({ line, reason: word ? `unknown status "${word}"` : 'no status' });
      continue;
    }
    const { email, firstName } = parsed.data;
    if (seen.has(email.toLowerCase())) {
      report.duplicates.push({ line, email });
      continue;
    }
    seen.add(email.toLowerCase());
    const [status, suppression] = mapped;
    const created = parseDate(pick(record, columns.createdAt)) ?? new Date(now);
    rows.push({
      email, firstName: firstName || null, status, source: `import:${from}`, createdAt: created,
      confirmedAt: status === 'confirmed' ? created : null,
      unsubscribedAt: status === 'unsubscribed' ? new Date(now) : null,
      suppressedAt: suppression ? new Date(now) : null, suppressionReason: suppression,
    });
    report.byStatus[status]++;
  }
  // All or nothing: a failed import leaves the list as it was.
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) await tx.insert(subscribers).values(rows.slice(i, i + 500));
  });
  report.imported = rows.length;
  return report;
}

const iso = (date: Date | null) => (date ? date.toISOString() : '');

/** The whole list as CSV: email, first name, status, consent source and dates (ISO 8601, UTC). */
export async function exportSubscribersCsv(db: Db): Promise<string> {
  const rows = await db.select().from(subscribers).orderBy(asc(subscribers.createdAt), asc(subscribers.id));
  return stringify(
    rows.map((s) => [s.email, s.firstName ?? '', s.status, s.source ?? '', iso(s.createdAt), iso(s.confirmedAt), iso(s.unsubscribedAt)]),
    { header: true, columns: ['email', 'first_name', 'status', 'source', 'created_at', 'confirmed_at', 'unsubscribed_at'] },
  );
}
