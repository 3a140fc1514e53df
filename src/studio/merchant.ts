/**
 * What a pasted destination says about itself: the affiliate network (from the host, so the
 * right sub-ID parameter is used), a merchant name, and a short slug to suggest. Pure and
 * browser-safe: the link form island runs it as the creator types, the server runs it again.
 */
import type { Network } from '../tracking/link-catalog.ts';
import { SUB_ID_PARAMS } from '../tracking/redirect.ts';

const NETWORK_HOSTS: [RegExp, Network, string?][] = [
  [/(^|\.)amazon\.[a-z.]+$|(^|\.)amzn\.(to|eu|asia)$/, 'amazon', 'Amazon'],
  [/(^|\.)(sjv\.io|pxf\.io|evyy\.net|7eer\.net|ojrq\.net|r7sv\.net|mvwk\.net|ntrsv\.net|impact\.com)$/, 'impact'],
  [/(^|\.)shareasale\.com$/, 'shareasale'],
  [/(^|\.)(anrdoezrs\.net|dpbolvw\.net|jdoqocy\.com|kqzyfj\.com|tkqlhce\.com|emjcd\.com|qksrv\.net)$/, 'cj'],
  [/(^|\.)(linksynergy\.com|rakutenadvertising\.com)$/, 'rakuten'],
];

export interface Detected {
  network: Network;
  /** The query parameter the click id goes into, or null (network "other" without a template). */
  subIdParam: string | null;
  /** The shop's name; empty behind a network's tracking domain, which does not name the shop. */
  merchant: string;
}

/** The network, sub-ID parameter and a merchant name guessed from a destination's host. */
export function detectMerchant(url: string): Detected | null {
  let host: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
  for (const [pattern, network, merchant] of NETWORK_HOSTS) {
    if (pattern.test(host)) return { network, subIdParam: SUB_ID_PARAMS[network], merchant: merchant ?? '' };
  }
  return { network: 'other', subIdParam: null, merchant: nameOf(host) };
}

function nameOf(host: string): string {
  if (/^[\d.]+$|:/.test(host)) return ''; // an IP address names no shop
  const labels = host.split('.');
  // shop.joola.co.uk → "joola": skip a country's second level (co, com, org, net…).
  const secondLevel = labels.length > 2 && /^(co|com|org|net|ac|gov|ne|or)$/.test(labels.at(-2)!);
  const main = labels.at(secondLevel ? -3 : -2) ?? labels[0]!;
  return main.charAt(0).toUpperCase() + main.slice(1);
}

/** A lowercase-dash slug from any text, at most `max` characters. */
export function slugify(text: string, max = 40): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/** A slug for a new link to `url`: merchant and the last meaningful path word, made unique against `taken`. */
export function suggestSlug(url: string, taken: ReadonlySet<string>): string {
  const detected = detectMerchant(url);
  if (!detected) return '';
  const words = new URL(url).pathname.split('/').filter((w) => w && !/^(dp|p|product|products|gp|ref=.*)$/i.test(w));
  const shop = detected.merchant || (detected.network === 'other' ? '' : detected.network);
  const base = slugify([shop, words.at(-1) ?? ''].filter(Boolean).join(' ')) || 'link';
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}
