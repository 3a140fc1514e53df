// `npm run bench memory`: the built server's resident memory (RSS, from /proc) right after
// start and while it serves sustained page + bio + /go/ traffic (autocannon, 20 connections,
// BENCH_SECONDS, default 20), against a bare Node http server measured in the same run.
// Targets: ≤ 150 MB idle, ≤ 250 MB at the peak under load.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { freePort, startServer } from '../support/server.ts';

const seconds = Math.max(1, Number(process.env.BENCH_SECONDS ?? 20));
const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const PATHS = ['/', '/posts/best-paddles-2026/', '/links/', '/links/?category=paddles', '/go/vantage-pro-16-amazon?src=%2Flinks%2F&pos=bio%3Aentry-1', '/products/vantage-pro-16/'];

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
const settle = () => new Promise((r) => setTimeout(r, 5_000));

export default async function bench(): Promise<boolean> {
  const bare = await bareNode();
  await settle();
  const bareRss = rssMb(bare.pid!);
  bare.kill('SIGTERM');

  const server = await startServer({ SITE_URL: '' });
  try {
    const pid = server.process.pid!;
    await settle();
    const idle = rssMb(pid);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 250);
    const result = await autocannon({
      url: server.url,
      connections: 20,
      duration: seconds,
      headers: { 'user-agent': PHONE, 'accept-encoding': 'gzip, br' },
      requests: PATHS.map((path) => ({ path })),
    });
    clearInterval(sampler);
    const after = rssMb(pid);
    await settle();
    const rested = rssMb(pid);
    console.log(`bare Node http server: ${bareRss.toFixed(0)} MB`);
    console.log(`Perch after start:     ${idle.toFixed(0)} MB  (target ≤ 150, ${(idle / bareRss).toFixed(1)}× bare)`);
    console.log(`Perch under load:      peak ${peak.toFixed(0)} MB, at the end ${after.toFixed(0)} MB, 5 s later ${rested.toFixed(0)} MB  (target ≤ 250)`);
    console.log(`load: ${result.requests.total} requests in ${seconds} s (${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx incl. /go/ 302s, ${result.errors} errors)`);
    return idle <= 150 && peak <= 250;
  } finally {
    await server.stop();
  }
}

async function bareNode() {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`], { stdio: 'ignore' });
  return child;
}
