/**
 * The files a VPS needs to serve Perch over https: a Caddyfile (TLS, http → https, HSTS,
 * reverse proxy with a health check) and a systemd unit. Printed by `npm run deploy`.
 */
import { resolve } from 'node:path';
import { SERVER_ENTRY, SERVER_ENV, SERVER_NODE_ARGS } from '../platform/node-args.ts';

export interface CaddyOptions {
  siteUrl: string;
  /** Where Perch listens (HOST:PORT). */
  upstream: string;
  /** For tests on loopback: other ports, Caddy's internal CA, state in a temp folder. */
  local?: { httpPort: number; httpsPort: number; storageDir: string };
}

export function caddyfile({ siteUrl, upstream, local }: CaddyOptions): string {
  const url = new URL(siteUrl);
  if (url.protocol !== 'https:') throw new Error(`SITE_URL must start with https:// for a deployment (it is ${siteUrl}).`);
  const global = local
    ? ['{', `\thttp_port ${local.httpPort}`, `\thttps_port ${local.httpsPort}`, '\tadmin off', '\tlocal_certs', '\tskip_install_trust', `\tstorage file_system ${local.storageDir}`, '}', '']
    : [];
  return [
    `# Caddy in front of Perch for ${siteUrl}: certificates, http → https, HSTS.`,
    '# /etc/caddy/Caddyfile, then: sudo systemctl reload caddy',
    ...global,
    `${url.hostname} {`,
    '\theader Strict-Transport-Security "max-age=31536000; includeSubDomains"',
    // Perch compresses and sets cache headers itself; Caddy passes them through.
    `\treverse_proxy ${upstream} {`,
    '\t\thealth_uri /healthz',
    '\t\thealth_interval 30s',
    '\t}',
    '}',
    '',
  ].join('\n');
}

export interface UnitOptions {
  siteUrl: string;
  port: number;
  /** The project folder (where `npm run build` ran). */
  root: string;
  user: string;
}

export function systemdUnit({ siteUrl, port, root, user }: UnitOptions): string {
  const dir = resolve(root);
  return `# /etc/systemd/system/perch.service, then: sudo systemctl daemon-reload && sudo systemctl enable --now perch
# Secrets (RESEND_API_KEY, STATS_PASSWORD, …) go in /etc/perch.env, one NAME=value a line, mode 600.
[Unit]
Description=Perch for ${siteUrl}
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
User=${user}
WorkingDirectory=${dir}
Environment=NODE_ENV=production
${Object.entries(SERVER_ENV).map(([name, value]) => `Environment=${name}=${value}\n`).join('')}Environment=HOST=127.0.0.1
Environment=PORT=${port}
Environment=SITE_URL=${siteUrl}
Environment=TRUST_PROXY=loopback
EnvironmentFile=-/etc/perch.env
ExecStart=${dir}/node_modules/.bin/node ${[...SERVER_NODE_ARGS, SERVER_ENTRY].join(' ')}
# SIGTERM: Perch finishes open requests, writes buffered clicks and checkpoints the database.
KillSignal=SIGTERM
TimeoutStopSec=20
Restart=on-failure
RestartSec=2
NoNewPrivileges=true
PrivateTmp=true
ProtectSystem=full
MemoryHigh=250M

[Install]
WantedBy=multi-user.target
`;
}
