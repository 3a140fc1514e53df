// `npm run bench pages`: an article page as Perch serves it now (rendered on demand, then kept
// in memory until the next scheduled post) against the same bytes served as a static file by
// the same server (what a prerendered article was), in the same run. autocannon, 50
// connections, BENCH_SECONDS (default 10) per round, alternating, twice.
// Targets: on-demand throughput ≥ 0.5 × static, p99 < 20 ms.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freePort } from '../support/server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const nodeBin = join(root, 'node_modules/.bin/node');
const seconds = Math.max(1, Number(process.env.BENCH_SECONDS ?? 10));
const ARTICLE = '/posts/best-paddles-2026/';
const STATIC_COPY = join(root, 'dist/client/__bench-static');

interface Round {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  bytes: number;
}

export default async function bench(): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'perch-bench-pages-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await launch({ PORT: String(port), HOST: '127.0.0.1', SITE_URL: base, DATABASE_URL: `file:${join(dir, 'perch.db')}`, PERCH_DATA_DIR: dir });
  const rounds: Round[] = [];
  try {
    const started = performance.now();
    const html = await (await fetch(base + ARTICLE)).text();
    const firstRender = performance.now() - started;
    // The same page as a static file, served by the same server's static handler.
    mkdirSync(STATIC_COPY, { recursive: true });
    writeFileSync(join(STATIC_COPY, 'index.html'), html);
    for (let i = 1; i <= 2; i++) {
      rounds.push(await load(`static    #${i}`, `${base}/__bench-static/`));
      rounds.push(await load(`on demand #${i}`, base + ARTICLE));
    }
    console.log(`first (uncached) render of ${ARTICLE}: ${firstRender.toFixed(1)} ms, ${html.length} bytes`);
  } finally {
    rmSync(STATIC_COPY, { recursive: true, force: true });
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  return report(rounds);
}

function report(rounds: Round[]): boolean {
  console.log('round          req/s     p50 ms  p99 ms  200s');
  for (const r of rounds) console.log(`${r.name}  ${r.rps.toFixed(0).padStart(8)}  ${String(r.p50).padStart(6)}  ${String(r.p99).padStart(6)}  ${r.ok}`);
  const mean = (name: string) => rounds.filter((r) => r.name.startsWith(name)).reduce((s, r) => s + r.rps, 0) / 2;
  const ratio = mean('on demand') / mean('static');
  const worstP99 = Math.max(...rounds.filter((r) => r.name.startsWith('on demand')).map((r) => r.p99));
  const sameSize = new Set(rounds.map((r) => Math.round(r.bytes / Math.max(1, r.ok)))).size <= 2;
  console.log(`ratio on-demand/static: ${ratio.toFixed(2)} (target ≥ 0.5)`);
  console.log(`on-demand p99: ${worstP99} ms (target < 20)`);
  return ratio >= 0.5 && worstP99 < 20 && sameSize && rounds.every((r) => r.ok > 0);
}

async function load(name: string, url: string): Promise<Round> {
  const result = await autocannon({ url, connections: 50, duration: seconds });
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, ok: result['2xx'], bytes: result.throughput.total };
}

function launch(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(nodeBin, ['src/server/main.ts'], { cwd: root, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d;
      if (/Perch is serving/.test(output)) resolve(child);
    });
    child.stderr!.on('data', (d: Buffer) => (output += d));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}
