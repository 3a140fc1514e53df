import { cleanText } from '../platform/text.ts';
import type { HeaderReader } from './bots.ts';

export type DeviceClass = 'mobile' | 'tablet' | 'desktop';

/**
 * Device class from the user agent; in-app browsers of Instagram/TikTok are phones. An
 * Android browser without "Mobile" anywhere is a tablet (in-app agents repeat "Android"
 * after "Mobile", so the whole string is checked, not what follows the first match).
 */
export function getDeviceClass(ua: string): DeviceClass {
  if (/iPad|Tablet|PlayBook|Silk|Kindle/i.test(ua)) return 'tablet';
  if (/Android/i.test(ua) && !/Mobi/i.test(ua)) return 'tablet';
  if (/Mobi|iPhone|iPod|Android|Windows Phone|BlackBerry|Opera Mini|FBAN|FBAV|Instagram|musical_ly|BytedanceWebview/i.test(ua)) return 'mobile';
  return 'desktop';
}

/** The longest host name DNS allows; anything longer is not a real referrer. */
const MAX_HOST_CHARS = 253;

/** Host of the Referer header, lower-case, without "www."; null when absent, invalid or overlong. */
export function getReferrerHost(referer: string | null | undefined): string | null {
  if (!referer) return null;
  try {
    const host = new URL(referer.slice(0, 4096)).hostname.toLowerCase().replace(/^www\./, '');
    return host && host.length <= MAX_HOST_CHARS ? cleanText(host, MAX_HOST_CHARS) : null;
  } catch {
    return null;
  }
}

/**
 * Two-letter country from a header a trusted proxy sets (Cloudflare, Vercel, Fly, or a
 * reverse proxy configured to send X-Country-Code). Never derived from the IP here.
 */
export function getCountry(header: HeaderReader): string | null {
  for (const name of ['cf-ipcountry', 'x-vercel-ip-country', 'fly-client-country', 'x-country-code']) {
    const value = header(name)?.trim().toUpperCase();
    if (value && /^[A-Z]{2}$/.test(value) && value !== 'XX' && value !== 'T1') return value;
  }
  return null;
}
