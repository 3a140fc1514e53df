// `npm run bench redirect`: the built server's /go/ redirect against a bare Node http server
// answering every request with a 302 (the ceiling), in the same run on the same machine.
// autocannon, 50 connections, BENCH_SECONDS (default 10) per server in 5 alternating rounds,
// after a 2 s warm-up of each; the ratio is the median over the 5 ceiling/Perch pairs. Besides
// req/s it reports the server's CPU time per answered 302.
// Clicks go to a temporary embedded file, or to DATABASE_URL (a remote libSQL server) when set.
// Targets (embedded file): throughput ≥ 0.75 × ceiling, p99 ≤ 15 ms; in both modes every
// answered 302 stored as a click.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createDb } from '../../db/client.ts';
import { freePort } from '../support/server.ts';
import { SERVER_ENTRY, SERVER_ENV, SERVER_NODE_ARGS } from '../../src/platform/node-args.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const nodeBin = join(root, 'node_modules/.bin/node');
const seconds = Math.max(1, Number(process.env.BENCH_SECONDS ?? 10));
/** Each server's BENCH_SECONDS are split into this many rounds, alternating with the other's. */
const PAIRS = 5;
const WARM_UP_SECONDS = 2;
const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const CEILING = `require('node:http').createServer((q, s) => { s.writeHead(302, { Location: 'https://www.amazon.com/dp/B0EXAMPLE1?tag=kitchenline-20' }); s.end(); }).listen(+process.env.PORT, '127.0.0.1', () => console.log('ready'));`;

interface Round {
  name: string;
  /** 1…PAIRS for a measured ceiling/Perch pair, 0 for the warm-ups. */
  pair: number;
  rps: number;
  p50: number;
  p99: number;
  redirects: number;
  sent: number;
  /** The server's CPU time (every thread, user + system) per 302 it answered, in µs. */
  cpuPerRequest: number;
}

export default async function bench(): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'perch-bench-'));
  const remote = process.env.DATABASE_URL;
  const databaseUrl = remote || `file:${join(dir, 'perch.db')}`;
  console.log(`clicks go to ${remote ? `the remote database ${remote}` : 'an embedded file'}`);
  const before = await clickCount(databaseUrl).catch(() => 0);
  const [perchPort, ceilingPort] = [await freePort(), await freePort()];
  const perch = await launch([...SERVER_NODE_ARGS, SERVER_ENTRY], { ...SERVER_ENV, PORT: String(perchPort), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, PERCH_DATA_DIR: dir }, /Perch is serving/);
  const ceiling = (await launch(['-e', CEILING], { PORT: String(ceilingPort) }, /ready/)).child;
  const targets = {
    ceiling: { url: `http://127.0.0.1:${ceilingPort}/go/x`, pid: ceiling.pid! },
    perch: { url: `http://127.0.0.1:${perchPort}/go/vantage-pro-16-amazon?src=%2Fposts%2Fbest-paddles-2026%2F&pos=product-card%3A1`, pid: perch.child.pid! },
  };
  const rounds: Round[] = [];
  try {
    // A first round for each, not reported: the measured rounds then run warm (compiled code, grown heap).
    for (const name of ['perch', 'ceiling'] as const) rounds.push({ ...(await load(targets[name], WARM_UP_SECONDS)), name: `${name} warm-up`, pair: 0 });
    for (let pair = 1; pair <= PAIRS; pair++) {
      for (const name of ['ceiling', 'perch'] as const) rounds.push({ ...(await load(targets[name], seconds / PAIRS)), name, pair });
    }
  } finally {
    ceiling.kill('SIGTERM');
  }
  const exitCode = await stopProcess(perch.child);
  // The server's own count: autocannon drops the answers still in flight when a round ends.
  const recorded = Number(/Stopped: (\d+) clicks recorded/.exec(perch.output())?.[1] ?? NaN);
  const stored = (await clickCount(databaseUrl)) - before;
  rmSync(dir, { recursive: true, force: true });
  return report(rounds, { stored, recorded, exitCode, remote: !!remote });
}

async function clickCount(databaseUrl: string): Promise<number> {
  const db = createDb(databaseUrl);
  try {
    return Number((await db.$client.execute('select count(*) as n from clicks')).rows[0]!.n);
  } finally {
    db.$client.close();
  }
}

function report(rounds: Round[], server: { stored: number; recorded: number; exitCode: number | null; remote: boolean }): boolean {
  const { stored, recorded, exitCode } = server;
  console.log('round             req/s  p50 ms  p99 ms  302s     server CPU µs/302');
  for (const r of rounds) console.log(`${`${r.name} ${r.pair || ''}`.padEnd(15)} ${r.rps.toFixed(0).padStart(7)}  ${String(r.p50).padStart(6)}  ${String(r.p99).padStart(6)}  ${String(r.redirects).padEnd(8)} ${r.cpuPerRequest.toFixed(1)}`);
  const of = (name: string) => rounds.filter((r) => r.name === name);
  const [perchRounds, ceilingRounds] = [of('perch'), of('ceiling')];
  // Each Perch round against the ceiling round just before it: the machine's speed drifts
  // (the ceiling alone moved 2× within minutes here), so adjacent rounds compare best.
  const ratios = perchRounds.map((r, i) => r.rps / ceilingRounds[i]!.rps);
  const ratio = median(ratios);
  const overall = sum(perchRounds, 'rps') / sum(ceilingRounds, 'rps');
  const worstP99 = Math.max(...perchRounds.map((r) => r.p99));
  // The server counts the warm-up's clicks too.
  const withWarmUp = rounds.filter((r) => r.name.startsWith('perch'));
  const [answered, sent] = [sum(withWarmUp, 'redirects'), sum(withWarmUp, 'sent')];
  const target = server.remote ? '(targets apply to the embedded file)' : '';
  console.log(`ratio Perch/ceiling: ${ratio.toFixed(2)}, median of ${ratios.length} pairs [${ratios.map((x) => x.toFixed(2)).join(' ')}], all rounds ${overall.toFixed(2)} (target ≥ 0.75) ${target}`);
  console.log(`Perch p99: ${worstP99} ms (target ≤ 15) ${target}`);
  // Steadier than req/s on a shared machine: what each answer cost the server, whatever the load generator got.
  const [perchCpu, ceilingCpu] = [median(perchRounds.map((r) => r.cpuPerRequest)), median(ceilingRounds.map((r) => r.cpuPerRequest))];
  console.log(`server CPU per 302 (median): Perch ${perchCpu.toFixed(1)} µs, ceiling ${ceilingCpu.toFixed(1)} µs (${(perchCpu / ceilingCpu).toFixed(2)}×)`);
  console.log(`302s: ${answered} received by autocannon, ${recorded} answered by the server (≤ ${sent} sent; the rest were in flight when a round ended)`);
  console.log(`clicks stored: ${stored} of ${recorded} answered (target: all); server exit code ${exitCode}`);
  const consistent = recorded >= answered && recorded <= sent;
  const fast = server.remote || (ratio >= 0.75 && worstP99 <= 15);
  return fast && stored === recorded && consistent && exitCode === 0;
}

const sum = (rounds: Round[], key: 'rps' | 'redirects' | 'sent') => rounds.reduce((s, r) => s + r[key], 0);
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function load(target: { url: string; pid: number }, duration: number): Promise<Omit<Round, 'name' | 'pair'>> {
  const cpuBefore = cpuMs(target.pid);
  const result = await autocannon({ url: target.url, connections: 50, duration, headers: { 'user-agent': PHONE } });
  const cpuPerRequest = ((cpuMs(target.pid) - cpuBefore) * 1000) / Math.max(1, result['3xx']);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, redirects: result['3xx'], sent: result.requests.sent, cpuPerRequest };
}

/** A process's CPU time so far, all threads, user + system, in ms (/proc/<pid>/stat, 100 ticks a second). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function launch(args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(nodeBin, args, { cwd: root, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      if (ready.test(output)) resolve({ child, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (output += d));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`)));
  });
}

function stopProcess(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    // 'close', not 'exit': the last lines of output may still be on their way.
    child.once('close', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}
