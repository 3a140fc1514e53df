/**
 * Which paths are pages the site serves, so a page view is counted only for those: the
 * build's list of prerendered pages plus the patterns of pages rendered per request
 * (written by served-pages-integration.mjs). The server publishes the list on globalThis at
 * start-up, because the SSR bundle holds its own copy of this module; without a list
 * (`astro dev`, direct calls in tests) every well-formed path counts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServedPages {
  paths: Set<string>;
  patterns: RegExp[];
}

type Holder = typeof globalThis & { __perchServedPages?: ServedPages };

/** Reads dist/client/_perch/pages.json and content-pages.json; null when the build has none. */
export function loadServedPages(clientDir: string): ServedPages | null {
  const file = join(clientDir, '_perch/pages.json');
  if (!existsSync(file)) return null;
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { paths: string[]; patterns: string[] };
  const contentFile = join(clientDir, '_perch/content-pages.json');
  const content = existsSync(contentFile) ? (JSON.parse(readFileSync(contentFile, 'utf8')) as { paths: string[] }).paths : [];
  return { paths: new Set([...raw.paths, ...content].map(withSlash)), patterns: raw.patterns.map((source) => new RegExp(source)) };
}

/** Makes `pages` the list every copy of this module checks against. */
export function publishServedPages(pages: ServedPages | null): void {
  (globalThis as Holder).__perchServedPages = pages ?? undefined;
}

/** Whether `path` (a URL path as the browser sends it, maybe percent-encoded) is a page the site serves. */
export function isServedPage(path: string, pages: ServedPages | undefined = (globalThis as Holder).__perchServedPages): boolean {
  if (!pages) return true;
  let decoded: string;
  try {
    decoded = decodeURI(path);
  } catch {
    return false;
  }
  return [path, decoded].some((p) => pages.paths.has(withSlash(p)) || pages.patterns.some((re) => re.test(p)));
}

/** Page paths end in a slash ("/posts/x/"), files do not ("/rss.xml"). */
function withSlash(path: string): string {
  return path.endsWith('/') || /\.[a-z0-9]+$/i.test(path) ? path : `${path}/`;
}
