/** What the server says at start about settings that will hurt a public site. */
import type { Settings } from '../platform/settings.ts';

const LOCAL_HOSTS = /^(localhost|127(?:\.\d+){3}|\[::1\]|0\.0\.0\.0)$/i;

export function startupWarnings(settings: Pick<Settings, 'siteUrl' | 'production' | 'trustProxy'>): string[] {
  const warnings: string[] = [];
  let url: URL | undefined;
  try {
    url = new URL(settings.siteUrl);
  } catch {
    return [`Warning: SITE_URL "${settings.siteUrl}" is not a web address; links in emails and on the bio page will be broken.`];
  }
  if (settings.production && url.protocol === 'http:' && !LOCAL_HOSTS.test(url.hostname)) {
    warnings.push(
      `Warning: SITE_URL is ${settings.siteUrl}, plain http on a public host. Links in emails, the unsubscribe header (RFC 8058 needs https) and the login cookie need https: put Perch behind an https proxy (npm run deploy -- caddy) and set SITE_URL=https://${url.host}.`,
    );
  }
  if (settings.production && url.protocol === 'https:' && settings.trustProxy.length === 0) {
    warnings.push('Note: SITE_URL is https but TRUST_PROXY is not set, so forwarded headers are ignored. Behind a proxy on this machine set TRUST_PROXY=loopback, or every visitor looks like the proxy (one shared signup limit, http cookies).');
  }
  return warnings;
}
