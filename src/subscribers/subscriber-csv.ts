// The list's CSV import and export, as functions taking bytes or a stream and returning a
// report, for the CLI and the studio alike. One format object per tool lives in ./import/.
import type { Db } from '../../db/client.ts';
import { exportSubscribers } from './import/export-list.ts';

export { IMPORT_TOOLS, type ImportTool, type Status } from './import/format.ts';
export { importSubscribers, addedCount, type ListImportOptions, type ListImportReport, type ListImportResult } from './import/import-list.ts';
export { exportSubscribers, EXPORT_COLUMNS } from './import/export-list.ts';
export { detectFormat } from './import/detect.ts';

/** The whole export as one string (small lists, tests). */
export async function exportSubscribersCsv(db: Db): Promise<string> {
  let out = '';
  for await (const chunk of exportSubscribers(db)) out += chunk;
  return out;
}
