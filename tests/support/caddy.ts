// Debian's real Caddy in front of a test server, on loopback with Caddy's internal CA, using
// the Caddyfile `npm run deploy -- caddy` prints (plus local ports and a temp state folder).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caddyfile } from '../../src/cli/deploy-files.ts';
import { freePort } from './server.ts';

export const CADDY_PATH = process.env.CADDY_PATH ?? '/usr/bin/caddy';

export interface RunningCaddy {
  /** https://localhost:<port> */
  url: string;
  httpPort: number;
  httpsPort: number;
  /** Caddy's internal root certificate (PEM), for clients that verify. */
  ca: string;
  output: () => string;
  stop: () => Promise<void>;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** The client's own loopback address (127.0.0.x): a different client as far as the proxy knows. */
  localAddress?: string;
}

/** Ports for a Caddy that will proxy to a server not started yet (its SITE_URL needs them). */
export async function caddyPorts(): Promise<{ httpPort: number; httpsPort: number }> {
  return { httpPort: await freePort(), httpsPort: await freePort() };
}

export async function startCaddy(upstreamPort: number, ports: { httpPort: number; httpsPort: number }): Promise<RunningCaddy> {
  const dir = mkdtempSync(join(tmpdir(), 'perch-caddy-'));
  const config = join(dir, 'Caddyfile');
  const url = `https://localhost:${ports.httpsPort}`;
  writeFileSync(config, caddyfile({ siteUrl: url, upstream: `127.0.0.1:${upstreamPort}`, local: { ...ports, storageDir: join(dir, 'data') } }));
  const child: ChildProcess = spawn(CADDY_PATH, ['run', '--config', config, '--adapter', 'caddyfile'], {
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, 'xdg-data'), XDG_CONFIG_HOME: join(dir, 'xdg-config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const caFile = join(dir, 'data/pki/authorities/local/root.crt');
  try {
    const deadline = Date.now() + 30_000;
    let ready = false;
    while (!ready) {
      if (child.exitCode !== null) throw new Error(`caddy exited:\n${out}`);
      if (Date.now() > deadline) throw new Error(`caddy did not serve https within 30 s:\n${out}`);
      if (existsSync(caFile)) {
        ready = await call({ url, ca: readFileSync(caFile, 'utf8') }, '/healthz').then((a) => a.status > 0, () => false);
      }
      if (!ready) await new Promise((r) => setTimeout(r, 200));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, ...ports, ca: readFileSync(caFile, 'utf8'), output: () => out, stop };
}

/** One request over https through Caddy (verifying its certificate) or plain http. */
export function call(target: { url: string; ca?: string }, path: string, options: CallOptions = {}): Promise<Answer> {
  const url = new URL(path, target.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      { method: options.method ?? 'GET', headers: options.headers, localAddress: options.localAddress, ca: target.ca, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
