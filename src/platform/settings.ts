/**
 * Perch's settings: the only code that reads the environment. `readSettings()` parses
 * `process.env` (the server wrapper, Astro's pages through src/platform/server-settings.ts,
 * the CLI commands, astro.config.mjs); `parseSettings` takes any key/values (tests).
 * Everything else takes these plain values as arguments.
 */
import { DEFAULT_DATABASE_URL } from '../../db/client.ts';

export interface Settings {
  port: number;
  host: string;
  /** Public URL used in emails and absolute links; no trailing slash. */
  siteUrl: string;
  databaseUrl: string;
  databaseAuthToken?: string;
  resendApiKey?: string;
  resendBaseUrl?: string;
  emailFrom?: string;
  statsPassword?: string;
  postbackSecret?: string;
  /** Folder for files the app writes (the mail outbox); PERCH_DATA_DIR, default `.data`. */
  dataDir: string;
  /** Signing secret of Resend's webhook (`whsec_…`); the webhook endpoint is off without it. */
  resendWebhookSecret?: string;
  /** Requests per second a broadcast may make to Resend (NaN when the value is not a number). */
  resendRateLimit: number;
  /** The creator's content folder, read at build time and by the CLI; PERCH_CONTENT_DIR, default `content`. */
  contentDir: string;
  /**
   * Which peers' forwarded headers (X-Forwarded-For/-Proto, X-Real-IP, CF-Connecting-IP) are
   * believed: TRUST_PROXY, a comma list of `loopback`, `private`, `cloudflare`, addresses and
   * CIDRs; empty (the default, `none`) trusts nobody.
   */
  trustProxy: string[];
  /** NODE_ENV === 'production'. */
  production: boolean;
  /** Checks merchant destinations in the server (LINK_HEALTH=on|off, default on). */
  linkHealth: boolean;
  /** Seconds between two link checks (LINK_HEALTH_EVERY, default 20: three links a minute). */
  linkHealthEvery: number;
}

export type EnvSource = Record<string, string | undefined>;

/** Resend's default API rate limit per team. */
const DEFAULT_RESEND_RATE_LIMIT = 2;

export function parseSettings(env: EnvSource, fallbackSite?: string): Settings {
  const port = Number(env.PORT || 4321);
  const blank = (value: string | undefined) => (value && value.trim() ? value.trim() : undefined);
  const site = blank(env.SITE_URL) ?? fallbackSite ?? `http://localhost:${port}`;
  return {
    port,
    host: blank(env.HOST) ?? 'localhost',
    siteUrl: site.replace(/\/+$/, ''),
    databaseUrl: blank(env.DATABASE_URL) ?? DEFAULT_DATABASE_URL,
    databaseAuthToken: blank(env.DATABASE_AUTH_TOKEN),
    resendApiKey: blank(env.RESEND_API_KEY),
    resendBaseUrl: blank(env.RESEND_BASE_URL),
    emailFrom: blank(env.EMAIL_FROM),
    statsPassword: blank(env.STATS_PASSWORD),
    postbackSecret: blank(env.POSTBACK_SECRET),
    dataDir: blank(env.PERCH_DATA_DIR) ?? '.data',
    resendWebhookSecret: blank(env.RESEND_WEBHOOK_SECRET),
    resendRateLimit: Number(blank(env.RESEND_RATE_LIMIT) ?? DEFAULT_RESEND_RATE_LIMIT),
    contentDir: blank(env.PERCH_CONTENT_DIR) ?? 'content',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    production: env.NODE_ENV === 'production',
    linkHealth: blank(env.LINK_HEALTH)?.toLowerCase() !== 'off',
    linkHealthEvery: Number(blank(env.LINK_HEALTH_EVERY) ?? 20),
  };
}

const TRUST_KEYWORDS = ['loopback', 'private', 'cloudflare'];
const IP_OR_CIDR = /^(?:[0-9.]+|[0-9a-f:.]+)(?:\/\d{1,3})?$/i;

/** TRUST_PROXY as a list; a word that is neither a keyword nor an address/CIDR is refused. */
export function parseTrustProxy(value: string | undefined): string[] {
  const entries = (value ?? '').split(',').map((e) => e.trim().toLowerCase()).filter(Boolean);
  if (entries.length === 1 && entries[0] === 'none') return [];
  for (const entry of entries) {
    if (!TRUST_KEYWORDS.includes(entry) && !IP_OR_CIDR.test(entry)) {
      throw new Error(`TRUST_PROXY: "${entry}" is not an address, a CIDR (10.0.0.0/8) or one of none, ${TRUST_KEYWORDS.join(', ')}.`);
    }
  }
  return entries;
}

/** The settings of this process, from its environment. */
export function readSettings(fallbackSite?: string): Settings {
  return parseSettings(process.env, fallbackSite);
}
