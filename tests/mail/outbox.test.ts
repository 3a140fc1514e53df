import { afterEach, describe, expect, test } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eraseFromOutbox, writeToOutbox } from '../../src/mail/outbox.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mail = (to: string) => ({ from: 'Perch <hello@example.com>', to, subject: 'Confirm', text: `Hi ${to}`, html: `<p>Hi ${to}</p>`, headers: {}, date: new Date('2026-12-02T10:00:00Z') });

describe('the local outbox', () => {
  test('writes whole files only: no .tmp is left, and the .eml comes with its .html', async () => {
    dir = mkdtempSync(join(tmpdir(), 'perch-outbox-'));
    const { eml, html } = await writeToOutbox(dir, 'confirm', mail('ana@example.com'));
    expect(readdirSync(join(dir, 'outbox')).sort()).toEqual([eml, html].map((p) => p.split('/').pop()).sort());
    expect(readFileSync(html, 'utf8')).toBe('<p>Hi ana@example.com</p>');
    expect(readFileSync(eml, 'utf8')).toContain('To: ana@example.com');
  });

  test('erasing an address removes its messages, a .tmp an interrupted write left included, and nothing else', async () => {
    dir = mkdtempSync(join(tmpdir(), 'perch-outbox-'));
    await writeToOutbox(dir, 'confirm', mail('ana@example.com'));
    const kept = await writeToOutbox(dir, 'other', mail('ben@example.com'));
    writeFileSync(join(dir, 'outbox', '2026-12-02T10-00-01-000Z-crash.html.tmp'), '<p>Hi ANA@example.com</p>');
    expect(await eraseFromOutbox(dir, 'ana@example.com')).toBe(2);
    expect(readdirSync(join(dir, 'outbox')).sort()).toEqual([kept.eml, kept.html].map((p) => p.split('/').pop()).sort());
  });
});
