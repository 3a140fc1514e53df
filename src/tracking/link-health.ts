/**
 * Link health: is a merchant destination still selling? A browser-like GET that follows
 * redirects, with a timeout, classified as healthy or as one of the ways affiliate links die
 * quietly: an error status, a redirect to the shop's home or search page, an out-of-stock
 * page. The fetcher is injectable, so tests point it at local servers.
 */
export type Health =
  | { state: 'ok'; status: number; finalUrl: string }
  | { state: 'broken'; reason: 'status' | 'home' | 'search' | 'out-of-stock' | 'unreachable'; detail: string; status?: number; finalUrl?: string };

export type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

/** What browsers send, so merchants answer as they would a follower (many refuse bare clients). */
export const BROWSER_HEADERS = {
  'User-Agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'Accept-Language': 'en-US,en;q=0.9',
};

const OUT_OF_STOCK = [
  /\bout of stock\b/i,
  /\bcurrently unavailable\b/i,
  /\bsold out\b/i,
  /\bno longer available\b/i,
  /"availability"\s*:\s*"(https?:\/\/schema\.org\/)?(OutOfStock|Discontinued|SoldOut)"/i,
];
const SEARCH_PATH = /\/(s|search|find|catalogsearch)(\/|$)|[?&](q|k|query|search|keywords?)=/i;

/** Classifies a fetched page against the destination it was meant to be. */
export function classifyPage(requested: string, finalUrl: string, status: number, body: string): Health {
  if (status >= 400) return { state: 'broken', reason: 'status', detail: `answers ${status}`, status, finalUrl };
  const from = new URL(requested);
  const to = new URL(finalUrl);
  const movedAway = from.pathname !== to.pathname || from.hostname !== to.hostname;
  if (movedAway && (to.pathname === '/' || to.pathname === '') && from.pathname.length > 1) return { state: 'broken', reason: 'home', detail: `redirects to the home page ${to.origin}/`, status, finalUrl };
  if (movedAway && SEARCH_PATH.test(to.pathname + to.search) && !SEARCH_PATH.test(from.pathname + from.search)) return { state: 'broken', reason: 'search', detail: `redirects to a search page ${to.href}`, status, finalUrl };
  const marker = OUT_OF_STOCK.find((re) => re.test(body));
  if (marker) return { state: 'broken', reason: 'out-of-stock', detail: `the page says "${body.match(marker)![0]}"`, status, finalUrl };
  return { state: 'ok', status, finalUrl };
}

/** Fetches a destination like a browser (redirects followed, at most `timeoutMs`) and classifies it. */
export async function checkDestination(url: string, fetcher: Fetcher = fetch, timeoutMs = 10_000): Promise<Health> {
  try {
    const response = await fetcher(url, { headers: BROWSER_HEADERS, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
    // The first 256 KB hold the product's availability on every shop looked at; the rest is not read.
    const body = await readStart(response, 256 * 1024);
    return classifyPage(url, response.url || url, response.status, body);
  } catch (error) {
    const name = (error as Error).name;
    return { state: 'broken', reason: 'unreachable', detail: name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : `cannot be reached (${(error as Error).message})` };
  }
}

async function readStart(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => {});
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, limit));
}
