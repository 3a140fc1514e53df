import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findSubscriberByEmail, registerSignup } from '../../src/subscribers/subscribers.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

const run = promisify(execFile);

describe('npm run subscribers', () => {
  let t: TestDb;
  const cli = (...args: string[]) =>
    run('node_modules/.bin/node', ['--max-semi-space-size=2', 'src/cli/subscribers.ts', ...args], { env: { ...process.env, DATABASE_URL: t.url } }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  beforeAll(async () => (t = await createTestDb()));
  afterAll(() => t.cleanup());

  test('--help explains every command', async () => {
    expect((await cli('--help')).stdout).toMatch(/export \[--out FILE\][\s\S]*import FILE\.csv[\s\S]*delete EMAIL/);
    expect((await cli('import', '--help')).stdout).toContain('--from mailchimp|kit|beehiiv|substack|mailerlite|plain');
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  }, 60_000);

  test('imports with a report, lists suppressed people apart, exports CSV and deletes one subscriber for good', async () => {
    const file = join(t.dir, 'kit.csv');
    writeFileSync(file, 'first_name,email_address,state,created_at\nAna,ana@example.com,active,2024-02-01T10:00:00Z\n,broken,active,\nCy,cy@example.com,bounced,2024-02-02T10:00:00Z\n');
    const imported = await cli('import', file, '--from', 'kit');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Imported 2 subscribers from a Kit export of 3 rows (1 confirmed, 0 pending, 0 unsubscribed, 1 suppressed)');
    expect(imported.stdout).toMatch(/Skipped 1 rows:\n {2}line 3: /);
    await registerSignup(t.db, { email: 'bo@example.com', source: 'form:/#x' });

    const list = await cli('list');
    expect(list.stdout).toContain('confirmed: 1   pending: 1   suppressed (bounce): 1');

    const out = join(t.dir, 'list.csv');
    expect((await cli('export', '--out', out)).stderr).toContain(`Wrote 3 subscribers to ${out}`);
    const csv = (await cli('export')).stdout;
    expect(csv).toBe(readFileSync(out, 'utf8'));
    expect(csv).toContain('ana@example.com,Ana,,confirmed,,,2024-02-01T10:00:00.000Z,,,2024-02-01T10:00:00.000Z,import:kit,import:kit:kit.csv,');
    expect(csv).toContain('cy@example.com,Cy,,unsubscribed,bounce,');

    expect((await cli('delete', 'ANA@Example.com')).stdout).toContain('Deleted');
    expect(await findSubscriberByEmail(t.db, 'ana@example.com')).toBeNull();
    const again = await cli('delete', 'ana@example.com');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('not on the list');
  }, 120_000);

  test('exit 1 when nothing imports: every row rejected (the full list in a file), an empty or header-only file', async () => {
    const file = join(t.dir, 'bad.csv');
    writeFileSync(file, `email,status\n${Array.from({ length: 30 }, (_, i) => `not-an-email-${i},confirmed`).join('\n')}\n`);
    const bad = await cli('import', file);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Nothing imported: every row was skipped.');
    expect(bad.stderr).toContain(`… and 10 more; all 30 are listed in ${file}.skipped.txt`);
    expect(bad.stderr.match(/line \d+:/g)).toHaveLength(20);
    expect(readFileSync(`${file}.skipped.txt`, 'utf8').trim().split('\n')).toHaveLength(30);

    writeFileSync(file, '');
    expect(await cli('import', file)).toMatchObject({ code: 1, stderr: expect.stringContaining('is empty') });
    writeFileSync(file, 'email,status\n');
    expect(await cli('import', file)).toMatchObject({ code: 1, stderr: expect.stringContaining('a header but no rows') });
  }, 120_000);
});
