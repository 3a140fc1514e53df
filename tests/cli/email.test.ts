import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createDb, migrateDb, type Db } from '../../db/client.ts';
import { startFakeResendBatch, type FakeResendBatch } from '../support/fake-resend-batch.ts';
import { seedSubscribers } from '../support/seed-subscribers.ts';
import { startServer } from '../support/server.ts';
import { countRecipients, getBroadcast } from '../../src/broadcasts/broadcasts.ts';

// Each run starts tsx, MDX and react-email in a fresh process: seconds on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

const root = fileURLToPath(new URL('../..', import.meta.url));
const nodeBin = join(root, 'node_modules/.bin/node');

let dir: string;
let db: Db;
let fake: FakeResendBatch | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'perch-email-cli-'));
  db = createDb(`file:${join(dir, 'perch.db')}`);
  await migrateDb(db);
});
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  const base: Record<string, string> = {
    ...(process.env as Record<string, string>),
    DATABASE_URL: `file:${join(dir, 'perch.db')}`,
    PERCH_DATA_DIR: dir,
    PERCH_CONTENT_DIR: 'tests/fixtures/broadcast',
    SITE_URL: 'https://maya.example',
    EMAIL_FROM: 'maya@maya.example',
    ...extra,
  };
  for (const key of ['RESEND_API_KEY', 'RESEND_BASE_URL', 'RESEND_RATE_LIMIT'] as const) if (!(key in extra)) delete base[key];
  return base;
}

/** Starts `npm run email -- …` (tsx on the pinned Node) as a child process. */
function startCli(args: string[], extraEnv: Record<string, string> = {}) {
  const child = spawn(nodeBin, ['--import', 'tsx', 'src/cli/email.ts', ...args], { cwd: root, env: env(extraEnv), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function runCli(args: string[], extraEnv: Record<string, string> = {}) {
  const run = startCli(args, extraEnv);
  return { code: await run.exited, output: run.output() };
}

const resendEnv = (f: FakeResendBatch) => ({ RESEND_API_KEY: f.apiKey, RESEND_BASE_URL: f.url });

function expectEachOnce(f: FakeResendBatch, emails: string[]) {
  const counts = new Map<string, number>();
  for (const d of f.deliveries) counts.set(d.to[0]!, (counts.get(d.to[0]!) ?? 0) + 1);
  const duplicates = [...counts.values()].filter((n) => n > 1).length;
  const misses = emails.filter((e) => !counts.has(e)).length;
  expect({ duplicates, misses, delivered: f.deliveries.length }).toEqual({ duplicates: 0, misses: 0, delivered: emails.length });
}

/** Polls the send log until `sent` recipients are recorded, then runs `kill`. */
async function killWhenLogged(sent: number, kill: () => Promise<void>): Promise<void> {
  for (;;) {
    const broadcast = await getBroadcast(db, 'spring-picks');
    if (broadcast && (await countRecipients(db, broadcast.id)).sent >= sent) return kill();
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('npm run email', () => {
  test('--help lists the commands', async () => {
    const { code, output } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const command of ['preview', 'test', 'send', 'resume', 'status', '--yes']) expect(output).toContain(command);
  });

  test('preview writes the HTML and prints its path', async () => {
    const { code, output } = await runCli(['preview', 'spring-picks']);
    expect(code).toBe(0);
    const path = /HTML:\s+(\S+)/.exec(output)![1]!;
    expect(readFileSync(path, 'utf8')).toContain('My 2 paddle picks this spring');
  });

  test('an unknown name lists the available newsletters', async () => {
    const { code, output } = await runCli(['preview', 'sprng-picks']);
    expect(code).toBe(1);
    expect(output).toContain('No newsletter named "sprng-picks"');
    expect(output).toContain('Available: spring-picks');
  });

  test('test without a key writes an .eml and .html to the outbox', async () => {
    const { code, output } = await runCli(['test', 'spring-picks', '--to', 'me@example.com']);
    expect(code).toBe(0);
    const eml = /(\S+\.eml)/.exec(output)![1]!;
    expect(eml.startsWith(join(dir, 'outbox'))).toBe(true);
    const message = readFileSync(eml, 'utf8');
    expect(message).toContain('To: me@example.com');
    expect(message).toContain('Subject: [Test] My 2 paddle picks this spring');
    expect(existsSync(eml.replace(/\.eml$/, '.html'))).toBe(true);
    // What a subscriber gets: the RFC 8058 headers and a link that works, marked as a test.
    expect(message).toMatch(/^List-Unsubscribe: <https:\/\/maya\.example\/subscribe\/unsubscribe\?t=0\.[\w-]+>$/m);
    expect(message).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(readFileSync(eml.replace(/\.eml$/, '.html'), 'utf8')).toContain('Test copy for me@example.com');
    const path = /<https:\/\/maya\.example(\/subscribe\/unsubscribe\?t=[^>]+)>/.exec(message)![1]!;
    const server = await startServer({ DATABASE_URL: `file:${join(dir, 'perch.db')}` });
    try {
      const page = await fetch(server.url + path);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('not on the list');
      const oneClick = await fetch(server.url + path, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(oneClick.status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  test('test refuses a missing or malformed --to', async () => {
    for (const args of [['test', 'spring-picks'], ['test', 'spring-picks', '--to', 'me@example.com\r\nBcc: x@y.z']]) {
      const { code, output } = await runCli(args);
      expect(code).toBe(2);
      expect(output).toContain('--to you@example.com');
    }
  });

  test('send refuses without a key, and with a key but an empty list', async () => {
    const noKey = await runCli(['send', 'spring-picks', '--yes']);
    expect(noKey.code).toBe(1);
    expect(noKey.output).toContain('needs RESEND_API_KEY');
    fake = await startFakeResendBatch();
    await seedSubscribers(db, 3, 'pending');
    const empty = await runCli(['send', 'spring-picks', '--yes'], resendEnv(fake));
    expect(empty.code).toBe(1);
    expect(empty.output).toContain('no confirmed subscribers');
    expect(fake.requests).toHaveLength(0);
  });

  test('send without --yes outside a terminal asks for --yes and sends nothing', async () => {
    fake = await startFakeResendBatch();
    await seedSubscribers(db, 3);
    const { code, output } = await runCli(['send', 'spring-picks'], resendEnv(fake));
    expect(code).toBe(1);
    expect(output).toContain('to 3 confirmed subscribers?');
    expect(output).toContain('add --yes');
    expect(fake.requests).toHaveLength(0);
  });

  // The sender is SIGKILLed at exact points of batch 3 (of 9), then started again.
  const killPoints = [
    { name: 'after claiming batch 3, before Resend delivers it', hook: 'beforeDeliver', again: 'send' },
    { name: 'after Resend delivered batch 3, before the answer arrives', hook: 'afterDeliver', again: 'resume' },
    { name: 'between batches, after batch 3 was answered', hook: 'afterAnswer', again: 'send' },
  ] as const;
  for (const point of killPoints) {
    test(`killed ${point.name}: \`${point.again}\` finishes with no duplicate and no miss`, async () => {
      fake = await startFakeResendBatch();
      const emails = await seedSubscribers(db, 430);
      await seedSubscribers(db, 7, 'unsubscribed', 5000);
      const args = ['--batch-size', '50', '--rate', '4'];
      const first = startCli(['send', 'spring-picks', '--yes', ...args], resendEnv(fake));
      const kill = async () => {
        first.child.kill('SIGKILL');
        await first.exited;
      };
      if (point.hook === 'afterAnswer') {
        // Answer batch 3, and kill once the sender has logged it as sent.
        fake.afterDeliver = (n) => void (n === 3 && killWhenLogged(150, kill));
      } else {
        fake[point.hook] = async (n) => {
          if (n === 3) await kill();
        };
      }
      expect(await first.exited).toBe(null); // killed by the signal
      fake.beforeDeliver = fake.afterDeliver = undefined;
      const deliveredBefore = fake.deliveries.length;
      // Up to four batches are in flight at 4/s: one sent a moment before the kill may still
      // reach Resend (as it would for real). What must hold is below: resume sends nothing twice.
      const base = point.hook === 'beforeDeliver' ? 100 : 150;
      expect(deliveredBefore).toBeGreaterThanOrEqual(base);
      expect((deliveredBefore - base) % 50).toBe(0);

      const second = await runCli([point.again, 'spring-picks', '--yes', ...args], resendEnv(fake));
      expect(second.output).toContain('recipients left');
      expect(second.code).toBe(0);
      expectEachOnce(fake, emails);
      if (point.hook === 'afterDeliver') {
        // The interrupted batch was sent again with its key, and Resend answered from memory.
        const keys = fake.requests.map((r) => r.idempotencyKey);
        expect(keys.filter((k) => k === keys[2])).toHaveLength(2);
      }
      const status = await runCli(['status', 'spring-picks']);
      expect(status.output).toContain('sent 430');
      expect(status.output).toContain('waiting 0');
    });
  }

  test('a second send after completion mails nobody again', async () => {
    fake = await startFakeResendBatch();
    const emails = await seedSubscribers(db, 12);
    expect((await runCli(['send', 'spring-picks', '--yes', '--rate', '20'], resendEnv(fake))).code).toBe(0);
    const again = await runCli(['send', 'spring-picks', '--yes', '--rate', '20'], resendEnv(fake));
    expect(again.output).toContain('already went out');
    expectEachOnce(fake, emails);
  });
});
