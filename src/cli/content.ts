// `npm run content -- export`: the studio's bio page and link changes, written back into content/.
import { getSharedDb, migrateDb } from '../../db/client.ts';
import { readSettings } from '../platform/settings.ts';
import { exportContent } from '../studio/content-export.ts';

const HELP = `Usage: npm run content -- export

Writes what you changed in the studio back into your content files, so git keeps it:
  content/bio.yaml                 the bio page's buttons (with their ids, so stats keep their history) and picks
  content/products/<id>.yaml       links you edited or paused in the studio

Then commit the files. A rebuild from them gives the same site. The studio's copies stay in
the database (and keep winning) until you revert them in the studio.
Studio-made short links have no place in content/ and stay in the database; they are listed.`;

async function main(args: string[]): Promise<number> {
  if (args[0] !== 'export' || args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return args[0] === 'export' || args.includes('--help') || args.includes('-h') ? 0 : 1;
  }
  const settings = readSettings();
  const db = getSharedDb(settings.databaseUrl, settings.databaseAuthToken);
  await migrateDb(db);
  const report = await exportContent(db, settings.contentDir);
  if (!report.written.length) console.log('Nothing to export: the studio has no bio or link changes.');
  for (const file of report.written) console.log(`Wrote ${settings.contentDir}/${file}`);
  if (report.databaseOnly.length) console.log(`Studio links kept in the database only: ${report.databaseOnly.map((s) => `/go/${s}`).join(', ')}`);
  for (const problem of report.problems) console.error(problem);
  db.$client.close();
  return report.problems.length ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
