import { columnKey } from '../../platform/csv/index.ts';

export const IMPORT_TOOLS = ['mailchimp', 'kit', 'beehiiv', 'substack', 'mailerlite', 'plain'] as const;
export type ImportTool = (typeof IMPORT_TOOLS)[number];

export type Status = 'pending' | 'confirmed' | 'unsubscribed';
export type Suppression = 'bounce' | 'complaint';

/** One row's cells by role (email, firstName, signedUpAt…); absent columns are undefined. */
export type Named = Record<string, string | undefined>;

/** What a row says about the person's consent. */
export type RowStatus = { status: Status; suppression?: Suppression } | { error: string };

/** What the file and the person importing say beyond the rows. */
export interface FileHints {
  /** The file's name: Mailchimp's "unsubscribed_…csv" says what its rows are. */
  fileName?: string;
  /** The status for rows that carry none (a MailerLite export of one segment). */
  status?: Status;
}

/**
 * How one tool's export maps onto a subscriber. `columns` lists, per role, the header names
 * the tool writes (compared loosely; the first non-empty one of a row wins). `score` says how
 * surely a header (and its first rows) is this tool's: 0 is "not this tool".
 */
export interface ListFormat {
  tool: ImportTool;
  label: string;
  columns: Record<string, string[]>;
  score(keys: Set<string>, sample: Named[]): number;
  status(row: Named, hints: FileHints): RowStatus;
}

/** Every tool's words for a subscriber's state, mapped onto Perch's. */
const WORDS: Record<string, { status: Status; suppression?: Suppression }> = {
  confirmed: { status: 'confirmed' }, active: { status: 'confirmed' }, subscribed: { status: 'confirmed' }, cold: { status: 'confirmed' },
  pending: { status: 'pending' }, unconfirmed: { status: 'pending' }, validating: { status: 'pending' },
  unsubscribed: { status: 'unsubscribed' }, inactive: { status: 'unsubscribed' }, cancelled: { status: 'unsubscribed' },
  canceled: { status: 'unsubscribed' }, archived: { status: 'unsubscribed' },
  bounced: { status: 'unsubscribed', suppression: 'bounce' }, cleaned: { status: 'unsubscribed', suppression: 'bounce' },
  complained: { status: 'unsubscribed', suppression: 'complaint' }, junk: { status: 'unsubscribed', suppression: 'complaint' },
  spam: { status: 'unsubscribed', suppression: 'complaint' },
};

export const isStatusWord = (word: string | undefined): boolean => !!word && word.trim().toLowerCase() in WORDS;

/** A status word as Perch's status, or a message naming the word. */
export function statusFromWord(word: string | undefined, hints: FileHints): RowStatus {
  const key = (word ?? '').trim().toLowerCase();
  if (key) return WORDS[key] ?? { error: `unknown status "${word!.trim()}"` };
  if (hints.status) return { status: hints.status };
  return { error: 'no status (pass --status confirmed|pending|unsubscribed for a file that has none)' };
}

/** True when the header has every one of these columns. */
export const hasAll = (keys: Set<string>, ...names: string[]) => names.every((n) => keys.has(columnKey(n)));
/** True when the header has at least one of these columns. */
export const hasAny = (keys: Set<string>, ...names: string[]) => names.some((n) => keys.has(columnKey(n)));

/** "true", "yes", "1" (any case). */
export const isTrue = (value: string | undefined) => /^(true|yes|y|1)$/i.test((value ?? '').trim());
