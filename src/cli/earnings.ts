// `npm run earnings -- …`: import affiliate network reports and print an earnings summary.
// Modules are loaded per command, so --help starts without the database layer.
import './light-drizzle.ts';
import { parseArgs } from 'node:util';
import type { Db } from '../../db/client.ts';
import type { ImportResult } from '../earnings/import.ts';
import type { EarningsRow, EarningsStats } from '../earnings/stats.ts';

const NETWORKS = 'amazon|impact|shareasale|cj|rakuten|awin|generic';

const HELP = `Usage:
  npm run earnings -- import FILE.csv [--network NETWORK] [--currency CODE]
                     [--date-order dmy|mdy] [--decimal ,|.] [--encoding utf-8|windows-1252]
  npm run earnings -- summary [--days N]

import   Reads a commission report downloaded from an affiliate network and stores its
         commissions, joined to the clicks whose ids travelled as sub-IDs (Amazon reports
         without sub-tags: to the link with that tracking id and ASIN). Importing the same
         or an updated report again updates the rows; it never duplicates them.
         --network     ${NETWORKS} (detected from the header when left out)
         --currency    the report's currency when it does not say (Amazon UK: GBP, Awin)
         --date-order  when the dates cannot tell (03/09/2025 in a semicolon file)
         --decimal     when the amounts cannot tell (1.234 in a semicolon file)
         Exits with 1 when nothing could be imported.
summary  Commission, revenue and earnings per click (EPC) for the last N days (default 30),
         per currency.

Generic format columns: subid,transaction_id,date,sale_amount,commission,status[,currency]
Settings: DATABASE_URL (default file:.data/perch.db), DATABASE_AUTH_TOKEN, PERCH_CONTENT_DIR.`;

const OPTIONS = {
  network: { type: 'string' },
  currency: { type: 'string' },
  'date-order': { type: 'string' },
  decimal: { type: 'string' },
  encoding: { type: 'string' },
  days: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    return print(`${(error as Error).message}\n\n${HELP}`, 1);
  }
  const { values, positionals } = parsed;
  const [command, file] = positionals;
  if (values.help) return print(HELP, 0);
  if (!command) return print(HELP, 1);
  if (command !== 'import' && command !== 'summary') return print(`Unknown command "${command}".\n\n${HELP}`, 1);
  const { readSettings } = await import('../platform/settings.ts');
  const settings = readSettings();
  if (command === 'import') {
    const checked = checkImportOptions(file, values);
    if (typeof checked === 'string') return print(checked, 1);
  }
  const { createDb, migrateDb } = await import('../../db/client.ts');
  const db = createDb(settings.databaseUrl, settings.databaseAuthToken);
  try {
    await migrateDb(db);
    if (command === 'import') return await runImport(db, file!, values, settings.contentDir);
    const days = Number(values.days ?? 30);
    if (!Number.isInteger(days) || days < 1) return print('--days must be a whole number of days, e.g. --days 30', 1);
    return print(await summary(db, days, settings.contentDir), 0);
  } finally {
    db.$client.close();
  }
}

function checkImportOptions(file: string | undefined, v: Values): string | true {
  if (!file) return 'Give the report file: npm run earnings -- import FILE.csv';
  if (v.network && !NETWORKS.split('|').includes(v.network.toLowerCase())) return `Unknown network "${v.network}". Use one of: ${NETWORKS.split('|').join(', ')}.`;
  if (v.currency && !/^[A-Za-z]{3}$/.test(v.currency)) return `--currency takes a 3-letter code such as USD, GBP or EUR, not "${v.currency}".`;
  if (v['date-order'] && !['dmy', 'mdy'].includes(v['date-order'])) return '--date-order is dmy (25/03/2026) or mdy (03/25/2026).';
  if (v.decimal && ![',', '.'].includes(v.decimal)) return '--decimal is , (comma) or . (point).';
  if (v.encoding && !['utf-8', 'windows-1252'].includes(v.encoding.toLowerCase())) return '--encoding is utf-8 or windows-1252.';
  return true;
}

async function runImport(db: Db, file: string, v: Values, contentDir: string): Promise<number> {
  const [{ importReport }, { readAmazonLinks }, { fileSource, describeSkipped }] = await Promise.all([
    import('../earnings/import.ts'), import('../earnings/merchants.ts'), import('./import-file.ts'),
  ]);
  const source = fileSource(file, 2);
  if (!source) return print(`Cannot read ${file}.`, 1);
  if (source.size === 0) return print(`Nothing imported: ${file} is empty.`, 1);
  const result = await importReport(db, source.open, {
    network: v.network?.toLowerCase() as never,
    currency: v.currency,
    dateOrder: v['date-order'] as never,
    decimal: v.decimal as never,
    encoding: v.encoding?.toLowerCase() as never,
    amazonLinks: readAmazonLinks(contentDir),
    onProgress: source.rows,
  }).finally(source.done);
  const nothing = !result.ok || result.imported + result.updated + result.unchanged === 0;
  return print(describeImport(file, result, describeSkipped), nothing ? 1 : 0);
}

function describeImport(file: string, r: ImportResult, skippedLines: typeof import('./import-file.ts').describeSkipped): string {
  if (!r.ok) return `Nothing imported from ${file}.\n${r.error}`;
  const stored = r.imported + r.updated + r.unchanged;
  return [
    `${stored ? '' : 'Nothing imported: every row was skipped.\n'}${r.label} report ${file}: ${r.rows} rows${r.currencies.length ? ` in ${r.currencies.join(', ')}` : ''}`,
    `  imported ${r.imported}, updated ${r.updated}, unchanged ${r.unchanged}`,
    `  attributed to a click or link ${r.attributed}, unattributed ${r.unattributed}`,
    `  skipped ${r.skipped.length}`,
    ...skippedLines(file, r.skipped, '    '),
  ].join('\n');
}

async function summary(db: Db, days: number, contentDir: string): Promise<string> {
  const [{ getEarningsStats }, { readLinkMerchants }, { formatCents }] = await Promise.all([
    import('../earnings/stats.ts'), import('../earnings/merchants.ts'), import('../earnings/amounts.ts'),
  ]);
  const describe = (s: EarningsStats, cur: string) => describeSummary(days, s, (c) => formatCents(c, cur), cur);
  const to = new Date();
  const from = new Date(to.getTime() - days * 86_400_000);
  const merchants = readLinkMerchants(contentDir);
  const all = await getEarningsStats(db, from, to, merchants);
  if (all.currencies.length <= 1) return describe(all, all.currencies[0] ?? 'USD');
  // Sums never add currencies: one block per currency.
  const blocks = [`Earnings, last ${days} days, in ${all.currencies.length} currencies (never added together)`];
  for (const currency of all.currencies) blocks.push(describe(await getEarningsStats(db, from, to, merchants, undefined, currency), currency));
  return blocks.join('\n\n');
}

function describeSummary(days: number, s: EarningsStats, money: (cents: number) => string, cur: string): string {
  const epc = (r: { epcCents: number | null }) => (r.epcCents === null ? '–' : money(Math.round(r.epcCents)));
  const top = (title: string, rows: EarningsRow[]) => [
    `${title}:`,
    ...(rows.length ? rows.slice(0, 5).map((r) => `  ${r.key}  ${money(r.commissionCents)} from ${r.clicks} clicks, EPC ${epc(r)}`) : ['  none']),
  ];
  return [
    `Earnings in ${cur}, last ${days} days`,
    `  commission ${money(s.totals.commissionCents)} on revenue ${money(s.totals.revenueCents)}, ${s.totals.clicks} clicks, EPC ${epc(s.totals)}`,
    `  pending ${money(s.byStatus.pending.commissionCents)}, approved ${money(s.byStatus.approved.commissionCents)}, reversed ${money(s.byStatus.reversed.commissionCents)}`,
    `  unattributed ${money(s.unattributed.commissionCents)} (${s.unattributed.conversions} sales without a matching click or link)`,
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
