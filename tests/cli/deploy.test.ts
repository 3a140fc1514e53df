import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { SERVER_ENTRY, SERVER_ENV_PREFIX, SERVER_NODE_ARGS } from '../../src/platform/node-args.ts';
import { CADDY_PATH } from '../support/caddy.ts';

const run = promisify(execFile);
const deploy = (args: string[], env: Record<string, string>) =>
  run('node_modules/.bin/node', ['src/cli/deploy.ts', ...args], { env: { ...process.env, ...env } }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

describe('npm run deploy', () => {
  test('caddy: a Caddyfile that Caddy itself accepts, with HSTS and the health check', async () => {
    const { stdout } = await deploy(['caddy'], { SITE_URL: 'https://maya.example', PORT: '4400' });
    expect(stdout).toMatch(/^maya\.example \{$/m);
    expect(stdout).toContain('Strict-Transport-Security "max-age=31536000; includeSubDomains"');
    expect(stdout).toContain('reverse_proxy 127.0.0.1:4400 {');
    expect(stdout).toContain('health_uri /healthz');
    const dir = mkdtempSync(join(tmpdir(), 'perch-deploy-'));
    try {
      writeFileSync(join(dir, 'Caddyfile'), stdout);
      const check = await run(CADDY_PATH, ['validate', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], { env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir } });
      expect(check.stdout + check.stderr).toContain('Valid configuration');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  test('systemd: a unit running this folder in production behind a loopback proxy, as npm start does', async () => {
    const { stdout } = await deploy(['systemd'], { SITE_URL: 'https://maya.example' });
    for (const line of ['Environment=NODE_ENV=production', 'Environment=MALLOC_ARENA_MAX=2', 'Environment=HOST=127.0.0.1', 'Environment=TRUST_PROXY=loopback', 'Environment=SITE_URL=https://maya.example', 'KillSignal=SIGTERM']) {
      expect(stdout).toContain(line);
    }
    expect(stdout).toContain(`WorkingDirectory=${process.cwd()}`);
    expect(stdout).toContain(`ExecStart=${process.cwd()}/node_modules/.bin/node ${[...SERVER_NODE_ARGS, SERVER_ENTRY].join(' ')}`);
    const start = JSON.parse(readFileSync('package.json', 'utf8')).scripts.start;
    expect(start).toBe(`${SERVER_ENV_PREFIX}node ${[...SERVER_NODE_ARGS, SERVER_ENTRY].join(' ')}`);
  }, 120_000);

  test('refuses without an https SITE_URL, and names the targets', async () => {
    const http = await deploy(['caddy'], { SITE_URL: 'http://maya.example' });
    expect(http.code).toBe(1);
    expect(http.stderr).toContain('Set SITE_URL to your site\'s https address first');
    const unknown = await deploy(['nginx'], { SITE_URL: 'https://maya.example' });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('caddy|systemd');
  }, 120_000);
});
