// `npm run email -- <command> <name>`: preview, test-send and broadcast newsletters from
// content/emails/. Runs with tsx outside Astro: settings from process.env, db via createDb.
import { parseArgs } from 'node:util';
import { createDb, migrateDb } from '../../db/client.ts';
import { listNewsletters } from '../broadcasts/newsletter-content.ts';
import { readSettings } from '../platform/settings.ts';
import type { CliContext } from './email-cli-context.ts';

const HELP = `Usage: npm run email -- <command> <name> [options]

Newsletters are MDX files in content/emails/<name>.mdx.

Commands:
  preview <name>                 render it and write the HTML (and text) to a file
  test <name> --to <address>     send one copy to yourself (to the outbox without a key)
  send <name>                    send it to every confirmed subscriber (asks first)
  resume <name>                  continue a send that was interrupted
  status <name>                  how far a send got
  list                           the newsletters in content/emails/

Options:
  --to <address>      recipient of a test email
  --yes, -y           send without asking (for scripts)
  --rate <n>          Resend API requests per second (default RESEND_RATE_LIMIT or 2)
  --batch-size <n>    emails per API call, 1–100 (default 100)
  --help, -h          this help

Settings (environment): RESEND_API_KEY (needed to mail a list), EMAIL_FROM (sender address),
SITE_URL (links in the email), DATABASE_URL, RESEND_RATE_LIMIT, PERCH_CONTENT_DIR, PERCH_DATA_DIR.
A send can be stopped at any point (Ctrl-C, crash, reboot): \`send\` or \`resume\` again continues
where it stopped, and nobody gets the email twice.`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        to: { type: 'string' },
        yes: { type: 'boolean', short: 'y', default: false },
        rate: { type: 'string' },
        'batch-size': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const [command, name, ...rest] = parsed.positionals;
  if (parsed.values.help || !command) {
    console.log(HELP);
    return parsed.values.help ? 0 : 2;
  }
  const settings = readSettings();
  const { contentDir, dataDir } = settings;
  if (command === 'list') {
    const names = listNewsletters(contentDir);
    console.log(names.length ? names.join('\n') : `No newsletters yet: add one as ${contentDir}/emails/<name>.mdx`);
    return 0;
  }
  if (!['preview', 'test', 'send', 'resume', 'status'].includes(command)) {
    console.error(`Unknown command "${command}".\n\n${HELP}`);
    return 2;
  }
  if (!name || rest.length) {
    const names = listNewsletters(contentDir);
    console.error(`Give exactly one newsletter name: npm run email -- ${command} <name>. Available: ${names.join(', ') || '(none yet)'}`);
    return 2;
  }
  const rate = Number(parsed.values.rate ?? settings.resendRateLimit);
  if (!(rate > 0)) {
    console.error(`The rate must be a number of requests per second above 0 (got "${parsed.values.rate ?? settings.resendRateLimit}").`);
    return 2;
  }
  const batchSize = Number(parsed.values['batch-size'] ?? 100);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100) {
    console.error('--batch-size must be a whole number from 1 to 100 (Resend takes at most 100 emails per call).');
    return 2;
  }
  const ctx: CliContext = { settings, contentDir, dataDir, options: { to: parsed.values.to, yes: parsed.values.yes, rate, batchSize } };
  // Loaded on demand: rendering pulls in MDX and react-email, which --help does not need.
  const { runPreview, runTest } = await import('./email-preview.ts');
  const { runResume, runSend, runStatus } = await import('./email-send.ts');
  if (command === 'preview') return runPreview(ctx, name);

  const db = createDb(settings.databaseUrl, settings.databaseAuthToken);
  try {
    await migrateDb(db);
    if (command === 'test') return await runTest(ctx, db, name);
    if (command === 'send') return await runSend(ctx, db, name);
    if (command === 'resume') return await runResume(ctx, db, name);
    return await runStatus(ctx, db, name);
  } finally {
    db.$client.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
