import { spawn, execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort, killOnExit } from './server.ts';
import { PATIENCE_MS } from './wait.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const nodeBin = join(root, 'node_modules/.bin/node');
const astroBin = join(root, 'node_modules/astro/bin/astro.mjs');
export const FIXTURE_CONTENT = join(root, 'tests/fixtures/bio-content');
const entry = join(root, 'tests/.tmp/bio-dist/server/entry.mjs');

/** Builds the site from tests/fixtures/bio-content into tests/.tmp/bio-dist (about 8 s). */
export async function buildBioFixture(): Promise<void> {
  await promisify(execFile)(nodeBin, [astroBin, 'build', '--config', 'tests/fixtures/bio.astro.config.mjs'], {
    cwd: root,
    // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production', PERCH_CONTENT_DIR: FIXTURE_CONTENT, ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 16 * 1024 * 1024,
  });
  if (!existsSync(entry)) throw new Error('The bio fixture build produced no server entry.');
}

export interface FixtureServer {
  url: string;
  /** Sets the server's clock to `iso` (or back to real time with undefined). */
  setNow: (iso: string | undefined) => void;
  stop: () => Promise<void>;
}

/** Serves the fixture build with the adapter's own server and a settable clock. */
export async function startBioFixture(): Promise<FixtureServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'perch-bio-'));
  const clockFile = join(dir, 'now');
  writeFileSync(clockFile, '');
  const child = spawn(nodeBin, ['--import', join(root, 'tests/support/fake-clock.ts'), entry], {
    cwd: root,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      SITE_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: `file:${join(dir, 'perch.db')}`,
      PERCH_DATA_DIR: dir,
      PERCH_FAKE_CLOCK_FILE: clockFile,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killOnExit(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Fixture server exited:\n${out}`);
    if (Date.now() > deadline) throw new Error(`Fixture server did not start:\n${out}`);
    try {
      await fetch(`${url}/links/qr.svg`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    setNow: (iso) => writeFileSync(clockFile, iso ?? ''),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
