// `npm run deploy -- caddy|systemd`: prints the Caddyfile or the systemd unit for SITE_URL.
import { userInfo } from 'node:os';
import { readSettings } from '../platform/settings.ts';
import { caddyfile, systemdUnit } from './deploy-files.ts';

const HELP = `Usage: SITE_URL=https://your.site npm run deploy -- caddy|systemd

  caddy     prints a Caddyfile: https with automatic certificates, http → https, HSTS, and a
            reverse proxy to Perch on 127.0.0.1:$PORT (default 4321) with a /healthz check
  systemd   prints a systemd unit that runs this folder's build as the current user, with
            NODE_ENV=production, TRUST_PROXY=loopback and secrets from /etc/perch.env

Redirect to a file and install it, e.g.
  npm run -s deploy -- caddy | sudo tee /etc/caddy/Caddyfile
See README.md, "Deploy".`;

function run(args: string[]): number {
  const what = args[0];
  if (!what || what === '--help' || what === '-h') return print(HELP, what ? 0 : 2, !what);
  const settings = readSettings();
  if (!settings.siteUrl.startsWith('https://')) return print(`Set SITE_URL to your site's https address first, e.g. SITE_URL=https://maya.example npm run deploy -- ${what} (it is ${settings.siteUrl}).`, 1, true);
  if (what === 'caddy') return print(caddyfile({ siteUrl: settings.siteUrl, upstream: `127.0.0.1:${settings.port}` }), 0);
  if (what === 'systemd') return print(systemdUnit({ siteUrl: settings.siteUrl, port: settings.port, root: process.cwd(), user: userInfo().username }), 0);
  return print(`Unknown target "${what}". ${HELP}`, 2, true);
}

function print(text: string, code: number, error = false): number {
  (error ? console.error : console.log)(text);
  return code;
}

process.exitCode = run(process.argv.slice(2));
