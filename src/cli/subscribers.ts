// `npm run subscribers -- <command>`: the creator's list from the command line. Runs under
// tsx outside Vite, so settings come from process.env (never astro:*).
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { desc } from 'drizzle-orm';
import { createDb, migrateDb, type Db } from '../../db/client.ts';
import { subscribers } from '../../db/schema/subscribers.ts';
import { readSettings } from '../platform/settings.ts';
import { normalizeEmail } from '../subscribers/signup-input.ts';
import { exportSubscribersCsv, importSubscribersCsv, IMPORT_TOOLS, type ImportTool } from '../subscribers/subscriber-csv.ts';
import { eraseSubscriber } from '../subscribers/subscribers.ts';
import { eraseFromOutbox } from '../mail/outbox.ts';

const HELP: Record<string, string> = {
  main: `Usage: npm run subscribers -- <command> [options]

Commands:
  list                     show the newest subscribers and the counts per status
  export [--out FILE]      write the list as CSV (to stdout without --out)
  import FILE.csv [--from kit|mailchimp|beehiiv|plain]
                           add subscribers exported from another tool
  delete EMAIL             erase one subscriber's data (GDPR request)

Run a command with --help for details.`,
  list: `Usage: npm run subscribers -- list [--limit N]

Shows the counts per status and the newest N subscribers (default 20).`,
  export: `Usage: npm run subscribers -- export [--out FILE]

Writes every subscriber as CSV with the columns
email,first_name,status,source,created_at,confirmed_at,unsubscribed_at.
The same file can be imported again (--from plain).`,
  import: `Usage: npm run subscribers -- import FILE.csv [--from kit|mailchimp|beehiiv|plain]

Imports an export from Kit, Mailchimp (one file per status: subscribed, unsubscribed,
cleaned), Beehiiv, or a plain CSV with the columns email,first_name,status,created_at.
The tool is detected from the header row unless --from says it. Subscribers keep their
status (confirmed elsewhere stays confirmed; the consent source is recorded as
import:<tool>); bounced and complained addresses are imported as suppressed. Addresses
already on the list and invalid rows are skipped and listed. Nothing is emailed.`,
  delete: `Usage: npm run subscribers -- delete EMAIL

Deletes the subscriber and every email queued or sent to them from the database
(erasure, not a flag). Exits with 1 if the address is not on the list.`,
};

async function openDb(): Promise<Db> {
  const settings = readSettings();
  const db = createDb(settings.databaseUrl, settings.databaseAuthToken);
  await migrateDb(db);
  return db;
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') return print(HELP.main!, 0);
  if (!HELP[command] || command === 'main') return print(`Unknown command "${command}".\n\n${HELP.main}`, 2, true);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' }, out: { type: 'string', short: 'o' }, from: { type: 'string' }, limit: { type: 'string' } },
  });
  if (values.help) return print(HELP[command]!, 0);
  if (command === 'import') return runImport(positionals[0], values.from);
  if (command === 'delete') return runDelete(positionals[0]);
  const db = await openDb();
  if (command === 'export') {
    const csv = await exportSubscribersCsv(db);
    if (!values.out) process.stdout.write(csv);
    else {
      await writeFile(values.out, csv);
      console.log(`Wrote ${csv.trim().split('\n').length - 1} subscribers to ${values.out}.`);
    }
    return 0;
  }
  const rows = await db.select().from(subscribers).orderBy(desc(subscribers.createdAt)).limit(Number(values.limit ?? 20));
  const counts = await db.$client.execute('SELECT status, count(*) AS n FROM subscribers GROUP BY status');
  console.log(counts.rows.map((r) => `${r.status}: ${r.n}`).join('   ') || 'The list is empty.');
  for (const s of rows) console.log(`${s.createdAt.toISOString().slice(0, 10)}  ${s.status.padEnd(12)} ${s.email}  ${s.source ?? ''}`);
  return 0;
}

async function runImport(file: string | undefined, from: string | undefined): Promise<number> {
  if (!file) return print(`Which file? ${HELP.import}`, 2, true);
  if (from && !IMPORT_TOOLS.includes(from as ImportTool)) return print(`--from must be one of ${IMPORT_TOOLS.join(', ')}.`, 2, true);
  const csv = await readFile(file, 'utf8').catch(() => null);
  if (csv === null) return print(`Cannot read ${file}.`, 1, true);
  const report = await importSubscribersCsv(await openDb(), csv, from as ImportTool | undefined);
  const { confirmed, pending, unsubscribed } = report.byStatus;
  console.log(`Imported ${report.imported} subscribers from a ${report.tool} export (${confirmed} confirmed, ${pending} pending, ${unsubscribed} unsubscribed).`);
  if (report.duplicates.length) console.log(`Skipped ${report.duplicates.length} already on the list:\n${report.duplicates.map((d) => `  line ${d.line}: ${d.email}`).join('\n')}`);
  if (report.invalid.length) console.log(`Skipped ${report.invalid.length} invalid rows:\n${report.invalid.map((d) => `  line ${d.line}: ${d.reason}`).join('\n')}`);
  return 0;
}

async function runDelete(email: string | undefined): Promise<number> {
  if (!email) return print(`Which address? ${HELP.delete}`, 2, true);
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
