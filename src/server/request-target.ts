/**
 * Reads a request target the way a file server or router might, so that checks on it cannot
 * be dodged by spelling: duplicate slashes, dot segments (also `%2e`), percent-encoding
 * (also `%2F` and backslashes) all come out as the one path they stand for.
 */
export type Target =
  | { ok: true; /** path and query to pass on: dot segments and duplicate slashes resolved, still encoded */ url: string; /** the decoded path, for comparisons */ path: string }
  | { ok: false; message: string };

const UNREADABLE = 'That address could not be read. Check the link and try again.';
const CONTROL = /[\u0000-\u001f\u007f]/;
/** A path that is already plain (single slashes, no dot segments, nothing encoded): most requests, /go/ above all. */
const PLAIN_PATH = /^(?:\/[\w~-][\w.~-]*)*\/?$/;

/** Parses req.url: origin-form (`/path?query`) or absolute-form (`http://host/path`, as proxies send it). */
export function parseTarget(raw: string | undefined): Target {
  let target = raw ?? '';
  if (!target.startsWith('/')) {
    if (!/^https?:\/\//i.test(target)) return { ok: false, message: UNREADABLE };
    try {
      const url = new URL(target);
      target = url.pathname + url.search;
    } catch {
      return { ok: false, message: UNREADABLE };
    }
  }
  if (CONTROL.test(target)) return { ok: false, message: UNREADABLE };
  const queryAt = target.search(/[?#]/);
  const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
  if (PLAIN_PATH.test(rawPath) && !target.includes('#')) return { ok: true, url: target, path: rawPath };
  const query = queryAt === -1 ? '' : target.slice(queryAt).replace(/#.*$/, '');
  const encoded = resolveSegments(rawPath.split('/'), safeDecode);
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    return { ok: false, message: UNREADABLE };
  }
  if (CONTROL.test(decoded)) return { ok: false, message: UNREADABLE };
  return { ok: true, url: encoded + query, path: resolveSegments(decoded.split(/[/\\]/), (s) => s) };
}

/** Joins path segments with `.` and `..` resolved (never above the root) and empty ones dropped. */
function resolveSegments(parts: string[], meaning: (segment: string) => string): string {
  const out: string[] = [];
  let trailing = false;
  for (const part of parts) {
    const seen = meaning(part);
    trailing = part === '' || seen === '.' || seen === '..';
    if (seen === '..') out.pop();
    else if (part !== '' && seen !== '.') out.push(part);
  }
  return `/${out.join('/')}${trailing && out.length ? '/' : ''}`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
