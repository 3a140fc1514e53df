import type { Db } from '../../db/client.ts';
import { readReport } from './csv.ts';
import { detectHeader } from './detect.ts';
import type { ReportNetwork } from './format.ts';
import { normaliseConversion, type NormalisedConversion } from './normalise.ts';
import { storeConversions, type StoreCounts } from './store.ts';

export interface SkippedRow {
  line: number;
  reason: string;
}

export type ImportResult =
  | ({ ok: true; network: ReportNetwork; label: string; rows: number; skipped: SkippedRow[] } & StoreCounts)
  | { ok: false; error: string };

/**
 * Imports a network's commission report (CSV text). The network is detected from the header
 * unless given. Re-importing the same or an updated report updates rows, never duplicates.
 * A report with missing columns imports nothing and says which columns are missing.
 */
export async function importReport(db: Db, text: string, options: { network?: ReportNetwork; now?: Date } = {}): Promise<ImportResult> {
  const rows = readReport(text);
  const detected = detectHeader(rows, options.network);
  if (!detected.ok) return detected;
  const { format, headerIndex, columns } = detected.header;
  const skipped: SkippedRow[] = [];
  const accepted: NormalisedConversion[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of rows.slice(headerIndex + 1)) {
    const named = Object.fromEntries(Object.entries(columns).map(([role, at]) => [role, cells[at]]));
    const result = normaliseConversion(format, format.toConversion(named));
    if (!result.ok) {
      skipped.push({ line, reason: result.reason });
      continue;
    }
    const conversion = result.conversion;
    const firstLine = seen.get(conversion.transactionId);
    if (firstLine !== undefined && !format.syntheticIds) {
      skipped.push({ line, reason: `transaction ${conversion.transactionId} repeats line ${firstLine}` });
      continue;
    }
    if (format.syntheticIds) conversion.transactionId = numberRepeat(conversion.transactionId, seen);
    seen.set(conversion.transactionId, line);
    accepted.push(conversion);
  }
  const counts = await storeConversions(db, accepted, options.now);
  return { ok: true, network: format.network, label: format.label, rows: accepted.length + skipped.length, skipped, ...counts };
}

// Identical rows of a network without ids are separate items (two paddles shipped the same day).
function numberRepeat(id: string, seen: Map<string, number>): string {
  if (!seen.has(id)) return id;
  let n = 2;
  while (seen.has(`${id}#${n}`)) n++;
  return `${id}#${n}`;
}
