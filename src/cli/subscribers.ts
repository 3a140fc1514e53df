// `npm run subscribers -- <command>`: the creator's list from the command line. Runs under
// tsx outside Vite, so settings come from process.env (never astro:*). Modules are loaded per
// command, so --help starts without the database layer.
import './light-drizzle.ts';
import { createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { Db } from '../../db/client.ts';
import type { ListImportReport } from '../subscribers/subscriber-csv.ts';

const TOOLS = ['mailchimp', 'kit', 'beehiiv', 'substack', 'mailerlite', 'plain'];
const STATUSES = ['confirmed', 'pending', 'unsubscribed'];

const HELP: Record<string, string> = {
  main: `Usage: npm run subscribers -- <command> [options]

Commands:
  list                     show the newest subscribers and the counts per status
  export [--out FILE]      write the list as CSV (to stdout without --out)
  import FILE.csv [--from ${TOOLS.join('|')}]
                           add subscribers exported from another tool
  delete EMAIL             erase one subscriber's data (GDPR request)

Run a command with --help for details.`,
  list: `Usage: npm run subscribers -- list [--limit N]

Shows the counts per status (suppressed addresses apart) and the newest N subscribers (default 20).`,
  export: `Usage: npm run subscribers -- export [--out FILE]

Writes every subscriber as CSV with the columns
email,first_name,last_name,status,suppression_reason,suppressed_at,signed_up_at,
confirmed_at,unsubscribed_at,added_at,source,status_source,tags.
Importing the file into an empty database gives the same list.`,
  import: `Usage: npm run subscribers -- import FILE.csv [--from ${TOOLS.join('|')}]
         [--status confirmed|pending|unsubscribed] [--date-order dmy|mdy] [--encoding utf-8|windows-1252]

Imports an export from Mailchimp (each of its subscribed, unsubscribed and cleaned files),
Kit, beehiiv, Substack (email_list or the subscriber list), MailerLite, or Perch's own export
or a plain CSV with an email column. The tool is detected from the whole header unless --from
says it. Each row's status comes from its values; --status gives one for files that have
none. Dates come from the file; a missing one stays empty. Someone already on the list is
never re-subscribed: a file may only unsubscribe them or mark a bounce or complaint.
Repeated and invalid rows are skipped and listed (more than 20: all in FILE.skipped.txt).
Nothing is emailed. Exits with 1 when no row could be imported.`,
  delete: `Usage: npm run subscribers -- delete EMAIL

Deletes the subscriber and every email queued or sent to them from the database
(erasure, not a flag). Exits with 1 if the address is not on the list.`,
};

async function openDb(): Promise<Db> {
  const [{ readSettings }, { createDb, migrateDb }] = await Promise.all([import('../platform/settings.ts'), import('../../db/client.ts')]);
  const settings = readSettings();
  const db = createDb(settings.databaseUrl, settings.databaseAuthToken);
  await migrateDb(db);
  return db;
}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' }, out: { type: 'string', short: 'o' }, from: { type: 'string' }, limit: { type: 'string' },
  status: { type: 'string' }, 'date-order': { type: 'string' }, encoding: { type: 'string' },
} as const;
type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') return print(HELP.main!, 0);
  if (!HELP[command] || command === 'main') return print(`Unknown command "${command}".\n\n${HELP.main}`, 2, true);
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: OPTIONS });
  if (values.help) return print(HELP[command]!, 0);
  if (command === 'import') return runImport(positionals[0], values);
  if (command === 'delete') return runDelete(positionals[0]);
  if (command === 'export') return runExport(values.out);
  return runList(Number(values.limit ?? 20));
}

async function runList(limit: number): Promise<number> {
  const db = await openDb();
  const counts = await db.$client.execute(`SELECT CASE WHEN suppression_reason IS NOT NULL OR suppressed_at IS NOT NULL
      THEN 'suppressed (' || coalesce(suppression_reason, 'bounce') || ')' ELSE status END AS s, count(*) AS n
    FROM subscribers GROUP BY s ORDER BY s`);
  const rows = await db.$client.execute({ sql: 'SELECT * FROM subscribers ORDER BY created_at DESC LIMIT ?', args: [limit] });
  console.log(counts.rows.map((r) => `${r.s}: ${r.n}`).join('   ') || 'The list is empty.');
  for (const s of rows.rows) {
    const state = s.suppression_reason ? `suppressed:${s.suppression_reason}` : String(s.status);
    console.log(`${new Date(Number(s.created_at)).toISOString().slice(0, 10)}  ${state.padEnd(20)} ${s.email}  ${s.source ?? ''}`);
  }
  return 0;
}

async function runExport(out: string | undefined): Promise<number> {
  const { exportSubscribers } = await import('../subscribers/subscriber-csv.ts');
  const db = await openDb();
  const target: NodeJS.WritableStream = out ? createWriteStream(out) : process.stdout;
  let lines = -1;
  for await (const chunk of exportSubscribers(db)) {
    lines += (chunk.match(/\n/g) ?? []).length;
    if (!target.write(chunk)) await new Promise<void>((resolve) => target.once('drain', () => resolve()));
  }
  if (out) {
    await new Promise<void>((resolve) => target.end(() => resolve()));
    console.error(`Wrote ${lines} subscribers to ${out}.`);
  }
  return 0;
}

function checkImport(file: string | undefined, v: Values): string | null {
  if (!file) return `Which file? ${HELP.import}`;
  if (v.from && !TOOLS.includes(v.from)) return `--from must be one of ${TOOLS.join(', ')}.`;
  if (v.status && !STATUSES.includes(v.status)) return `--status must be one of ${STATUSES.join(', ')}.`;
  if (v['date-order'] && !['dmy', 'mdy'].includes(v['date-order'])) return '--date-order is dmy (25/03/2026) or mdy (03/25/2026).';
  if (v.encoding && !['utf-8', 'windows-1252'].includes(v.encoding.toLowerCase())) return '--encoding is utf-8 or windows-1252.';
  return null;
}

async function runImport(file: string | undefined, v: Values): Promise<number> {
  const problem = checkImport(file, v);
  if (problem) return print(problem, 2, true);
  const [{ importSubscribers, addedCount }, { fileSource, describeSkipped }] = await Promise.all([
    import('../subscribers/subscriber-csv.ts'), import('./import-file.ts'),
  ]);
  const source = fileSource(file!, 2);
  if (!source) return print(`Cannot read ${file}.`, 1, true);
  if (source.size === 0) return print(`Nothing imported: ${file} is empty.`, 1, true);
  const report = await importSubscribers(await openDb(), source.open, {
    tool: v.from as never, status: v.status as never, dateOrder: v['date-order'] as never, encoding: v.encoding?.toLowerCase() as never,
    fileName: basename(file!), onProgress: source.rows,
  }).finally(source.done);
  if (!report.ok) return print(`Nothing imported from ${file}.\n${report.error}`, 1, true);
  const accepted = addedCount(report) + report.lowered.length + report.unchanged;
  const text = describeImport(file!, report, addedCount(report), describeSkipped);
  return accepted ? print(text, 0) : print(`Nothing imported: every row was skipped.\n${text}`, 1, true);
}

function describeImport(file: string, r: ListImportReport, added: number, list: typeof import('./import-file.ts').describeSkipped): string {
  const { confirmed, pending, unsubscribed, suppressed } = r.added;
  const skipped = [...r.duplicates.map((d) => ({ line: d.line, reason: `${d.email} is already earlier in the file` })), ...r.invalid].sort((a, b) => a.line - b.line);
  return [
    `Imported ${added} subscribers from a ${r.label} export of ${r.rows} rows (${confirmed} confirmed, ${pending} pending, ${unsubscribed} unsubscribed, ${suppressed} suppressed).`,
    `Already on the list: ${r.unchanged} left as they were, ${r.lowered.length} unsubscribed or suppressed by this file.`,
    ...(r.lowered.length ? list(file, r.lowered.map((l) => ({ line: l.line, reason: `${l.email} → ${l.to}` })), '  ', 'lowered') : []),
    ...(skipped.length ? [`Skipped ${skipped.length} rows:`, ...list(file, skipped)] : []),
    ...(r.notes.length ? [`Imported with a part left out (${r.notes.length}):`, ...list(file, r.notes, '  ', 'notes')] : []),
  ].join('\n');
}

async function runDelete(email: string | undefined): Promise<number> {
  if (!email) return print(`Which address? ${HELP.delete}`, 2, true);
  const [{ normalizeEmail }, { eraseSubscriber }, { eraseFromOutbox }, { readSettings }] = await Promise.all([
    import('../subscribers/signup-input.ts'),
    import('../subscribers/subscribers.ts'),
    import('../mail/outbox.ts'),
    import('../platform/settings.ts'),
  ]);
  const address = normalizeEmail(email);
  const { deleted, logCleared } = await eraseSubscriber(await openDb(), address);
  const files = await eraseFromOutbox(readSettings().dataDir, address);
  if (!logCleared) console.error('The database log is in use by another reader: the old copy leaves it at the next stop of the server.');
  if (!deleted && !files) return print(`${email} is not on the list; nothing deleted.`, 1, true);
  return print(`Deleted ${email} and every email to them${files ? ` (${files} from the outbox)` : ''}.`, 0);
}

function print(text: string, code: number, error = false): number {
  (error ? console.error : console.log)(text);
  return code;
}

process.exitCode = await run(process.argv.slice(2)).catch((error: Error) => print(error.message, 1, true));
