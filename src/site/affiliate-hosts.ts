/**
 * Hosts whose links earn a commission: Amazon (and its short links) and the click domains of
 * the affiliate networks Perch knows. A link to one of them in an article or a newsletter
 * body must go through /go/ (tracked, disclosed, rel="sponsored") or the build stops.
 */
const AMAZON = /(^|\.)(amazon\.[a-z.]+|amzn\.(to|com|eu|asia)|a\.co)$/i;
const NETWORK_HOSTS: Record<string, string[]> = {
  impact: ['sjv.io', 'pxf.io', 'ojrq.net', 'evyy.net', '7eer.net', 'igs4ds.net'],
  shareasale: ['shareasale.com', 'shrsl.com'],
  cj: ['anrdoezrs.net', 'dpbolvw.net', 'jdoqocy.com', 'kqzyfj.com', 'tkqlhce.com', 'qksrv.net', 'emjcd.com', 'awltovhc.com', 'ftjcfx.com', 'lduhtrp.net', 'tqlkg.com', 'afcyhf.com', 'apmebf.com'],
  rakuten: ['linksynergy.com'],
  awin: ['awin1.com'],
};

const endsWithHost = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** The network an address belongs to ("amazon", "cj", …), or undefined for an ordinary site. */
export function affiliateNetworkOf(url: URL): string | undefined {
  const host = url.hostname.toLowerCase();
  if (AMAZON.test(host)) return 'amazon';
  return Object.entries(NETWORK_HOSTS).find(([, domains]) => domains.some((d) => endsWithHost(host, d)))?.[0];
}

/** A web address, or undefined for anything else (relative paths, mailto:, typos). */
export function parseWebUrl(href: string): URL | undefined {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The Amazon product id (ASIN) in an amazon.* product address, if any. */
export function amazonAsin(url: URL): string | undefined {
  if (!AMAZON.test(url.hostname) || /^(amzn\.|a\.co$)/i.test(url.hostname)) return undefined;
  return url.pathname.match(/\/(?:dp|gp\/product|gp\/aw\/d|o\/ASIN)\/([A-Z0-9]{10})(?:[/?]|$)/i)?.[1]?.toUpperCase();
}

/** Compares addresses as a person means them: host case, "www.", a trailing slash and query order do not matter. */
export function sameDestination(a: URL, b: URL): boolean {
  const key = (u: URL) => {
    const params = [...u.searchParams].sort(([x], [y]) => x.localeCompare(y));
    return `${u.hostname.toLowerCase().replace(/^www\./, '')}${u.pathname.replace(/\/+$/, '')}?${new URLSearchParams(params)}`;
  };
  if (key(a) === key(b)) return true;
  const asin = amazonAsin(a);
  return !!asin && asin === amazonAsin(b);
}
