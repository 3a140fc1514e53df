import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findSubscriberByEmail, registerSignup } from '../../src/subscribers/subscribers.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

const run = promisify(execFile);

describe('npm run subscribers', () => {
  let t: TestDb;
  const cli = (...args: string[]) =>
    run('node_modules/.bin/tsx', ['src/cli/subscribers.ts', ...args], { env: { ...process.env, DATABASE_URL: t.url } }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  beforeAll(async () => (t = await createTestDb()));
  afterAll(() => t.cleanup());

  test('--help explains every command', async () => {
    expect((await cli('--help')).stdout).toMatch(/export \[--out FILE\][\s\S]*import FILE\.csv[\s\S]*delete EMAIL/);
    expect((await cli('import', '--help')).stdout).toContain('--from kit|mailchimp|beehiiv|plain');
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
  }, 60_000);

  test('imports with a report, exports CSV and deletes one subscriber for good', async () => {
    const file = join(t.dir, 'kit.csv');
    writeFileSync(file, 'first_name,email_address,state,created_at\nAna,ana@example.com,active,2024-02-01T10:00:00Z\n,broken,active,\n');
    const imported = await cli('import', file, '--from', 'kit');
    expect(imported.stdout).toContain('Imported 1 subscribers from a kit export (1 confirmed');
    expect(imported.stdout).toMatch(/Skipped 1 invalid rows:\n {2}line 3: /);
    await registerSignup(t.db, { email: 'bo@example.com', source: 'form:/#x' });

    const out = join(t.dir, 'list.csv');
    expect((await cli('export', '--out', out)).stdout).toContain(`Wrote 2 subscribers to ${out}`);
    const csv = (await cli('export')).stdout;
    expect(csv).toContain('ana@example.com,Ana,confirmed,import:kit,2024-02-01T10:00:00.000Z');
    expect(csv).toContain('bo@example.com,,pending,form:/#x,');

    expect((await cli('delete', 'ANA@Example.com')).stdout).toContain('Deleted');
    expect(await findSubscriberByEmail(t.db, 'ana@example.com')).toBeNull();
    const again = await cli('delete', 'ana@example.com');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('not on the list');
  }, 120_000);
});
