import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_START_MS } from './wait.ts';
import { SERVER_ENTRY, SERVER_ENV, SERVER_NODE_ARGS } from '../../src/platform/node-args.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const nodeBin = join(root, 'node_modules/.bin/node');

export interface RunningServer {
  url: string;
  port: number;
  databaseUrl: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  /** Sends a signal and waits for the process to exit; returns its exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

// Every server a test file starts is killed when its worker exits, even after a failed test
// that never reached its own stop().
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Kills `child` when this test worker exits, if nothing stopped it before. */
export function killOnExit(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * Starts the built server (`npm start`'s entry, on the pinned Node 24) on a free port with a
 * fresh temp database. `env` adds or overrides settings; `options.root` serves another
 * project copy's build (e.g. a fixture site from tests/support/site-build.ts).
 */
export async function startServer(env: Record<string, string> = {}, options: { root?: string; nodeArgs?: string[] } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'perch-srv-'));
  const databaseUrl = env.DATABASE_URL ?? `file:${join(dataDir, 'perch.db')}`;
  const child = spawn(nodeBin, [...SERVER_NODE_ARGS, ...(options.nodeArgs ?? []), SERVER_ENTRY], {
    cwd: options.root ?? root,
    env: {
      ...process.env,
      ...SERVER_ENV,
      PORT: String(port),
      HOST: '127.0.0.1',
      SITE_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: databaseUrl,
      PERCH_DATA_DIR: dataDir,
      ASTRO_TELEMETRY_DISABLED: '1',
      // Tests that check links turn it on, against their own local merchant.
      LINK_HEALTH: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killOnExit(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  await waitForReady(url, child, () => out);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    url,
    port,
    databaseUrl,
    dataDir,
    process: child,
    output: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      const code = await exited;
      rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

async function waitForReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + SERVER_START_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Server exited early:\n${output()}`);
    try {
      await fetch(`${url}/robots.txt`, { redirect: 'manual' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`Server did not start within ${SERVER_START_MS / 1000} s:\n${output()}`);
}
