// `npm run seed -- [--clicks N] [--views N] [--subscribers N] [--days N]`: fills DATABASE_URL
// with generated events so the stats page can be tried (and benchmarked) at scale.
import { parseArgs } from 'node:util';
import { createDb, migrateDb } from '../../db/client.ts';
import { seedEvents } from '../stats/demo-events.ts';
import { refreshRollups } from '../stats/rollups.ts';
import { readSettings } from '../platform/settings.ts';

const HELP = `Usage: npm run seed -- [options]

Adds generated clicks, page views, subscribers and filtered hits to the database
(DATABASE_URL, default the embedded .data/perch.db), spread over the last N days, then
brings the stats roll-ups up to date. Meant for trying the stats page at scale: do not
run it against a real site's database.

Options:
  --clicks N        clicks to add (default 1000000)
  --views N         page views to add (default 3000000)
  --subscribers N   subscribers to add (default 50000; fails if the demo addresses exist)
  --days N          days to spread them over, ending today (default 365)
  --seed N          random seed (default 42)
  -h, --help        this help`;

const { values } = parseArgs({
  options: {
    clicks: { type: 'string', default: '1000000' },
    views: { type: 'string', default: '3000000' },
    subscribers: { type: 'string', default: '50000' },
    days: { type: 'string', default: '365' },
    seed: { type: 'string', default: '42' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const numbers = { clicks: values.clicks, views: values.views, subscribers: values.subscribers, days: values.days, seed: values.seed };
const parsed = Object.fromEntries(Object.entries(numbers).map(([k, v]) => [k, Number(v)])) as Record<keyof typeof numbers, number>;
const bad = Object.entries(parsed).filter(([k, v]) => !Number.isInteger(v) || v < 0 || (k === 'days' && v < 1));
if (bad.length) {
  console.error(`Not a whole number: ${bad.map(([k]) => `--${k}`).join(', ')}. See npm run seed -- --help`);
  process.exit(2);
}

const settings = readSettings();
const db = createDb(settings.databaseUrl, settings.databaseAuthToken);
await migrateDb(db);
const started = performance.now();
const counts = await seedEvents(db.$client, {
  ...parsed,
  onProgress: (table, done, total) => process.stdout.write(`\r${table}: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}   `),
});
const seeded = performance.now();
await refreshRollups(db);
const rolled = performance.now();
console.log(`\nSeeded in ${((seeded - started) / 1000).toFixed(1)} s, roll-ups built in ${((rolled - seeded) / 1000).toFixed(1)} s.`);
console.log(Object.entries(counts).map(([t, n]) => `${t}: ${n.toLocaleString('en-US')}`).join(' · '));
db.$client.close();
