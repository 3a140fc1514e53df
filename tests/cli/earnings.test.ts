import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { seedClicks } from '../support/clicks.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/earnings/${name}`, import.meta.url));

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
  const at = new Date(Date.now() - 2 * 86_400_000).toISOString();
  await seedClicks(t.db, [{ id: 'clickGen1', linkSlug: 'vantage-pro-16-amazon', source: '/posts/best-paddles-2026/', placement: 'product-card:1', at }]);
});
afterAll(() => t.cleanup());

// The first run goes through npm as a creator would; later ones call Node 24 directly to
// spare npm's start-up.
let viaNpx = true;
const cli = (...args: string[]) =>
  run(viaNpx ? 'npm' : 'node_modules/.bin/node', viaNpx ? ['run', '--silent', 'earnings', '--', ...args] : ['src/cli/earnings.ts', ...args], { cwd: root, env: { ...process.env, DATABASE_URL: t.url } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

test('npm run earnings: import prints the report, re-import updates nothing, bad files exit 1', async () => {
  const first = await cli('import', fixture('generic.csv'));
  expect(first.code).toBe(0);
  expect(first.stdout).toContain('generic report');
  expect(first.stdout).toContain('imported 3, updated 0, unchanged 0');
  expect(first.stdout).toContain('attributed to a click or link 2, unattributed 1');
  expect(first.stdout).toContain('line 6: commission "abc" is not an amount');
  viaNpx = false;

  const again = await cli('import', fixture('generic.csv'), '--network', 'generic');
  expect(again.stdout).toContain('imported 0, updated 0, unchanged 3');

  const missing = await cli('import', fixture('generic-missing-columns.csv'));
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('Nothing imported');
  expect(missing.stderr).toContain('"commission"');

  const unknown = await cli('import', fixture('generic.csv'), '--network', 'paypal');
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain('Unknown network "paypal"');
}, 150_000);

test('npm run earnings: summary and --help', async () => {
  const help = await cli('--help');
  expect(help.stdout).toContain('npm run earnings -- import FILE.csv');
  // The generic fixture's sales are dated March 2026: a 3650-day window includes them.
  const summary = await cli('summary', '--days', '3650');
  expect(summary.code).toBe(0);
  expect(summary.stdout).toContain('commission $148.46');
  expect(summary.stdout).toContain('/posts/best-paddles-2026/  $148.46 from 1 clicks, EPC $148.46');
}, 150_000);

test('npm run earnings: totals in several currencies are shown per currency, never added', async () => {
  viaNpx = false;
  const imported = await cli('import', fixture('awin-transactions.csv'));
  expect(imported.code).toBe(0);
  expect(imported.stdout).toContain('Awin report');
  expect(imported.stdout).toContain('4 rows in EUR, GBP');
  const summary = await cli('summary', '--days', '3650');
  expect(summary.stdout).toContain('in 3 currencies (never added together)');
  // GBP: 5.59 pending + 2.00 approved count; the declined 1.00 does not.
  expect(summary.stdout).toMatch(/Earnings in GBP[^\n]*\n {2}commission £7\.59/);
  expect(summary.stdout).toMatch(/Earnings in USD[^\n]*\n {2}commission \$148\.46/);
  expect(summary.stdout).toMatch(/Earnings in EUR[^\n]*\n {2}commission €0\.00/);
}, 150_000);
