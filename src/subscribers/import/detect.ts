import { columnKey } from '../../platform/csv/index.ts';
import { beehiiv } from './beehiiv.ts';
import type { ImportTool, ListFormat, Named } from './format.ts';
import { kit } from './kit.ts';
import { mailchimp } from './mailchimp.ts';
import { mailerlite } from './mailerlite.ts';
import { plain } from './plain.ts';
import { substack } from './substack.ts';

export const FORMATS: Record<ImportTool, ListFormat> = { mailchimp, kit, beehiiv, substack, mailerlite, plain };

/** Per role, the indexes of the columns it may be read from, in order of preference. */
export type ColumnMap = Record<string, number[]>;

export function mapColumns(format: ListFormat, header: string[]): ColumnMap {
  const keys = header.map(columnKey);
  const map: ColumnMap = {};
  for (const [role, names] of Object.entries(format.columns)) {
    const at = names.map((n) => keys.indexOf(columnKey(n))).filter((i, k, all) => i >= 0 && all.indexOf(i) === k);
    if (at.length) map[role] = at;
  }
  return map;
}

/** A row's cells by role: the first non-empty column of each role ('' when all are empty). */
export function nameCells(map: ColumnMap, cells: string[]): Named {
  const named: Named = {};
  for (const [role, at] of Object.entries(map)) named[role] = at.map((i) => cells[i] ?? '').find((v) => v !== '') ?? '';
  return named;
}

export type Detected = { ok: true; format: ListFormat; columns: ColumnMap } | { ok: false; error: string };

/**
 * Which tool exported the file, from its whole header and first rows: the format scoring
 * highest wins (Mailchimp's system columns, Substack's email_disabled, Kit's state words…).
 * `tool` forces one. Every format needs an email column.
 */
export function detectFormat(header: string[], sample: string[][], tool?: ImportTool): Detected {
  const keys = new Set(header.map(columnKey));
  let best: { format: ListFormat; score: number; columns: ColumnMap } | undefined;
  for (const format of tool ? [FORMATS[tool]] : Object.values(FORMATS)) {
    const columns = mapColumns(format, header);
    if (!columns.email) continue;
    const score = tool ? 1 : format.score(keys, sample.map((cells) => nameCells(columns, cells)));
    if (score > 0 && (!best || score > best.score)) best = { format, score, columns };
  }
  if (best) return { ok: true, format: best.format, columns: best.columns };
  const names = tool ? FORMATS[tool].columns.email!.map((n) => `"${n}"`).join(' or ') : '"email" (or "Email Address", "Subscriber")';
  return { ok: false, error: `No email column: the header needs ${names}. Columns found: ${header.join(', ') || '(none)'}.` };
}
