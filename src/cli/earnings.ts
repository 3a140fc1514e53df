// `npm run earnings -- …`: import affiliate network reports and print an earnings summary.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createDb, migrateDb } from '../../db/client.ts';
import { formatCents } from '../earnings/amounts.ts';
import { REPORT_NETWORKS, type ReportNetwork } from '../earnings/format.ts';
import { importReport, type ImportResult } from '../earnings/import.ts';
import { readLinkMerchants } from '../earnings/merchants.ts';
import { getEarningsStats, type EarningsRow, type EarningsStats } from '../earnings/stats.ts';
import { readSettings } from '../platform/settings.ts';

const HELP = `Usage:
  npm run earnings -- import FILE.csv [--network NETWORK]
  npm run earnings -- summary [--days N]

import   Reads a commission report downloaded from an affiliate network and stores its
         commissions, joined to the clicks whose ids travelled as sub-IDs. Importing the same
         or an updated report again updates the rows; it never duplicates them.
         --network  ${REPORT_NETWORKS.join('|')} (detected from the header when left out)
summary  Commission, revenue and earnings per click (EPC) for the last N days (default 30).

Generic format columns: subid,transaction_id,date,sale_amount,commission,status
Settings: DATABASE_URL (default file:.data/perch.db), DATABASE_AUTH_TOKEN, PERCH_CONTENT_DIR.`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { network: { type: 'string' }, days: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return print(`${(error as Error).message}\n\n${HELP}`, 1);
  }
  const { values, positionals } = parsed;
  const [command, file] = positionals;
  if (values.help) return print(HELP, 0);
  if (!command) return print(HELP, 1);
  const settings = readSettings();
  const db = createDb(settings.databaseUrl, settings.databaseAuthToken);
  try {
    await migrateDb(db);
    if (command === 'import') {
      if (!file) return print('Give the report file: npm run earnings -- import FILE.csv', 1);
      const network = values.network?.toLowerCase();
      if (network && !REPORT_NETWORKS.includes(network as ReportNetwork)) {
        return print(`Unknown network "${values.network}". Use one of: ${REPORT_NETWORKS.join(', ')}.`, 1);
      }
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return print(`Cannot read ${file}.`, 1);
      }
      const result = await importReport(db, text, { network: network as ReportNetwork | undefined });
      return print(describeImport(file, result), result.ok ? 0 : 1);
    }
    if (command === 'summary') {
      const days = Number(values.days ?? 30);
      if (!Number.isInteger(days) || days < 1) return print('--days must be a whole number of days, e.g. --days 30', 1);
      const to = new Date();
      const from = new Date(to.getTime() - days * 86_400_000);
      const merchants = readLinkMerchants(settings.contentDir);
      return print(describeSummary(days, await getEarningsStats(db, from, to, merchants)), 0);
    }
    return print(`Unknown command "${command}".\n\n${HELP}`, 1);
  } finally {
    db.$client.close();
  }
}

function describeImport(file: string, r: ImportResult): string {
  if (!r.ok) return `Nothing imported from ${file}.\n${r.error}`;
  const lines = [
    `${r.label} report ${file}: ${r.rows} rows`,
    `  imported ${r.imported}, updated ${r.updated}, unchanged ${r.unchanged}`,
    `  attributed to a click ${r.attributed}, unattributed ${r.unattributed}`,
    `  skipped ${r.skipped.length}`,
    ...r.skipped.slice(0, 20).map((s) => `    line ${s.line}: ${s.reason}`),
  ];
  if (r.skipped.length > 20) lines.push(`    … and ${r.skipped.length - 20} more`);
  return lines.join('\n');
}

function describeSummary(days: number, s: EarningsStats): string {
  const cur = s.currencies[0] ?? 'USD';
  const money = (c: number) => formatCents(c, cur);
  const epc = (r: { epcCents: number | null }) => (r.epcCents === null ? '–' : money(Math.round(r.epcCents)));
  const top = (title: string, rows: EarningsRow[]) => [
    `${title}:`,
    ...(rows.length ? rows.slice(0, 5).map((r) => `  ${r.key}  ${money(r.commissionCents)} from ${r.clicks} clicks, EPC ${epc(r)}`) : ['  none']),
  ];
  return [
    `Earnings, last ${days} days`,
    `  commission ${money(s.totals.commissionCents)} on revenue ${money(s.totals.revenueCents)}, ${s.totals.clicks} clicks, EPC ${epc(s.totals)}`,
    `  pending ${money(s.byStatus.pending.commissionCents)}, approved ${money(s.byStatus.approved.commissionCents)}, reversed ${money(s.byStatus.reversed.commissionCents)}`,
    `  unattributed ${money(s.unattributed.commissionCents)} (${s.unattributed.conversions} sales without a matching click)`,
    ...(s.currencies.length > 1 ? [`  note: amounts in ${s.currencies.join(', ')} are added together`] : []),
    ...top('Top articles', s.pages),
    ...top('Top links', s.links),
    ...top('Top placements', s.placements),
  ].join('\n');
}

function print(text: string, code: number): number {
  (code === 0 ? console.log : console.error)(text);
  return code;
}

process.exitCode = await main(process.argv.slice(2));
