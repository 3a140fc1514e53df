/**
 * Who is asking, by one rule for every feature (clicks, views, signup limits, the login
 * lockout, the Secure cookie, the origin check): forwarded headers are believed only from a
 * peer that TRUST_PROXY names; from anyone else they are ignored, so a client talking to
 * Perch directly cannot pose as other visitors or claim https.
 */
import { BlockList, isIPv6 } from 'node:net';
import type { IncomingMessage } from 'node:http';

export interface ClientInfo {
  /** The client's address (never stored; used for hashes and limits). */
  ip: string;
  /** The protocol the client used to reach the site (the proxy's, behind a trusted proxy). */
  protocol: 'http' | 'https';
}

export interface TrustSettings {
  trustProxy: string[];
}

type HeaderReader = (name: string) => string | null | undefined;

// Cloudflare's published edge ranges (https://www.cloudflare.com/ips/).
const CLOUDFLARE = [
  '173.245.48.0/20', '103.21.244.0/22', '103.22.200.0/22', '103.31.4.0/22', '141.101.64.0/18', '108.162.192.0/18',
  '190.93.240.0/20', '188.114.96.0/20', '197.234.240.0/22', '198.41.128.0/17', '162.158.0.0/15', '104.16.0.0/13',
  '104.24.0.0/14', '172.64.0.0/13', '131.0.72.0/22',
  '2400:cb00::/32', '2606:4700::/32', '2803:f800::/32', '2405:b500::/32', '2405:8100::/32', '2a06:98c0::/29', '2c0f:f248::/32',
];
const KEYWORDS: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
  cloudflare: CLOUDFLARE,
};

interface Trust {
  list: BlockList;
  cloudflare: boolean;
}

const compiled = new Map<string, Trust | null>();

/** The trusted peers of a TRUST_PROXY list, built once per distinct list. */
function trustOf(entries: string[]): Trust | null {
  if (entries.length === 0) return null;
  const key = entries.join(',');
  let trust = compiled.get(key);
  if (trust === undefined) {
    const list = new BlockList();
    for (const entry of entries.flatMap((e) => KEYWORDS[e] ?? [e])) {
      const [address, bits] = entry.split('/');
      const type = isIPv6(address) ? 'ipv6' : 'ipv4';
      if (bits === undefined) list.addAddress(address, type);
      else list.addSubnet(address, Number(bits), type);
    }
    trust = { list, cloudflare: entries.includes('cloudflare') };
    compiled.set(key, trust);
  }
  return trust;
}

/** `::ffff:1.2.3.4` (IPv4 on a dual-stack socket) as `1.2.3.4`. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

function isTrusted(trust: Trust, address: string): boolean {
  const ip = plain(address);
  try {
    return trust.list.check(ip, isIPv6(ip) ? 'ipv6' : 'ipv4');
  } catch {
    return false; // not an address at all
  }
}

/**
 * The client behind `peer` (the socket's address). From a trusted peer: CF-Connecting-IP
 * (with `cloudflare`), else the right-most X-Forwarded-For hop that is not itself a trusted
 * proxy, else X-Real-IP; and the protocol from X-Forwarded-Proto.
 */
export function resolveClient(peer: string, encrypted: boolean, header: HeaderReader, settings: TrustSettings): ClientInfo {
  const own: ClientInfo = { ip: plain(peer), protocol: encrypted ? 'https' : 'http' };
  const trust = trustOf(settings.trustProxy);
  if (!trust || !isTrusted(trust, peer)) return own;
  const proto = header('x-forwarded-proto')?.split(',').pop()?.trim().toLowerCase();
  const protocol = proto === 'https' || proto === 'http' ? proto : own.protocol;
  return { ip: forwardedIp(trust, header) ?? own.ip, protocol };
}

function forwardedIp(trust: Trust, header: HeaderReader): string | undefined {
  const cf = trust.cloudflare ? header('cf-connecting-ip')?.trim() : undefined;
  if (cf) return plain(cf);
  const hops = (header('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (i === 0 || !isTrusted(trust, hops[i])) return plain(hops[i]);
  }
  return header('x-real-ip')?.trim() || undefined;
}

/** The client of a Node request (the server wrapper: /go/, postbacks, health). */
export function clientInfo(req: IncomingMessage, settings: TrustSettings): ClientInfo {
  const socket = req.socket as IncomingMessage['socket'] & { encrypted?: boolean };
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return resolveClient(socket.remoteAddress ?? '', socket.encrypted === true, header, settings);
}

/**
 * The client of a web Request inside Astro: `peer` is Astro's `clientAddress` (the socket's
 * address: Perch sets no `security.allowedDomains`, so Astro itself believes no header).
 */
export function requestClientInfo(request: Request, peer: string, settings: TrustSettings): ClientInfo {
  return resolveClient(peer, new URL(request.url).protocol === 'https:', (name) => request.headers.get(name), settings);
}
