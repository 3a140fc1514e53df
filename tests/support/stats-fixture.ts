import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../db/client.ts';
import { createTestDb, type TestDb } from './db.ts';
import { startServer, type RunningServer } from './server.ts';
import { insertClicks, insertSubscriber, insertViews } from './stats-events.ts';

const DAY = 86_400_000;

/**
 * A small known dataset around `now`: today, 3 days ago (both in "last 7 days"), 10 days
 * ago (the 7 days before) and 40 days ago (outside both 30-day windows' current one).
 */
export async function seedKnownDataset(db: Db, now = Date.now()): Promise<void> {
  const today = now - 60_000;
  const ago = (days: number) => now - days * DAY;
  await insertViews(db, [
    { at: today, visitor: 'a', referrer: 'l.instagram.com', country: 'US' },
    { at: today, visitor: 'a', referrer: 'l.instagram.com', country: 'US' },
    { at: today, visitor: 'b', device: 'desktop', referrer: 'google.com', country: 'GB' },
    { at: today, visitor: 'c', path: '/links/', referrer: 'tiktok.com' },
    { at: ago(3), visitor: 'a', country: 'US' },
    { at: ago(10), visitor: 'd' },
    { at: ago(10), visitor: 'e', path: '/links/' },
    { at: ago(40), visitor: 'f' },
  ]);
  await insertClicks(db, [
    { at: today, link: 'vantage-pro-16-amazon', placement: 'product-card:1', visitor: 'a', country: 'US', referrer: 'l.instagram.com' },
    { at: today, link: 'vantage-pro-16-amazon', placement: 'product-card:1', visitor: 'a', unique: false, country: 'US' },
    { at: today, link: 'vantage-pro-16-direct', source: 'email:november-picks', visitor: 'g' },
    { at: today, link: 'bio-best-paddles', source: '/links/', placement: 'bio:entry-1', visitor: 'c', device: 'desktop' },
    { at: ago(3), link: 'vantage-pro-16-direct', placement: 'buy-button:1', visitor: 'a' },
    { at: ago(10), link: 'vantage-pro-16-amazon', placement: 'product-card:1', visitor: 'd' },
    { at: ago(40), link: 'mystery-link', source: null, visitor: 'h' },
  ]);
  const iso = (ms: number) => new Date(ms).toISOString();
  await insertSubscriber(db, { email: 'new@example.com', status: 'pending', source: 'form:/posts/best-paddles-2026/#inline', created: iso(today) });
  await insertSubscriber(db, { email: 'conf@example.com', status: 'confirmed', source: 'form:/links/#bio', created: iso(ago(3)), confirmed: iso(ago(3) + 60_000) });
  await insertSubscriber(db, { email: 'left@example.com', status: 'unsubscribed', source: 'form:/posts/best-paddles-2026/#footer', created: iso(ago(10)), confirmed: iso(ago(10) + 60_000), unsubscribed: iso(ago(2)) });
  await insertSubscriber(db, { email: 'old@example.com', status: 'confirmed', source: 'import:kit', created: iso(ago(40)), confirmed: iso(ago(40)) });
  const day = new Date(today).toISOString().slice(0, 10);
  await db.$client.execute({ sql: "insert into filtered_hits (day, kind, target, reason, count) values (?, 'click', 'vantage-pro-16-amazon', 'bot', 5), (?, 'view', '/links/', 'preview', 2)", args: [day, day] });
}

/** Login form POST; returns the session cookie ("name=value") and the raw Set-Cookie. */
/** The built server over a temp database seeded with the known dataset, /stats behind `password`. */
export async function startSeededStats(password: string): Promise<{ t: TestDb; server: RunningServer }> {
  const t = await createTestDb();
  try {
    await seedKnownDataset(t.db);
    return { t, server: await startServer({ DATABASE_URL: t.url, STATS_PASSWORD: password }) };
  } catch (error) {
    t.cleanup();
    throw error;
  }
}

export async function logIn(url: string, password: string): Promise<{ status: number; cookie: string | null; setCookie: string | null; body: string }> {
  const res = await fetch(`${url}/stats`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: url, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ password }).toString(),
  });
  const setCookie = res.headers.get('set-cookie');
  return { status: res.status, cookie: setCookie?.split(';')[0] ?? null, setCookie, body: await res.text() };
}

/** The value and previous value of a total on the stats page, e.g. "views". */
export function pageTotal(html: string, key: string): { value: string; previous: string | null } {
  const match = new RegExp(`data-total="${key}"[^>]*>[\\s\\S]*?data-value="([^"]*)"([\\s\\S]*?)</div>`).exec(html);
  if (!match) throw new Error(`No total "${key}" on the page`);
  const previous = /data-previous="([^"]*)"/.exec(match[2]!);
  return { value: match[1]!, previous: previous ? previous[1]! : null };
}

/** The body rows of a stats table on the page, as cell texts. */
export function pageTable(html: string, id: string): string[][] {
  const table = new RegExp(`<table[^>]*data-table="${id}"[^>]*>([\\s\\S]*?)</table>`).exec(html);
  if (!table) return [];
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(table[1]!)![1]!;
  const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").trim();
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => decode(c[1]!)));
}

/** Parses CSV (RFC 4180 quoting) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (ch !== '\r') cell += ch;
  }
  return rows;
}

/**
 * Registers beforeAll/afterAll for a test file: the built server over the known dataset, and a
 * logged-in session cookie. The returned object is filled in before the first test runs.
 */
export function useSeededStats(password: string): { t: TestDb; server: RunningServer; cookie: string } {
  const state = {} as { t: TestDb; server: RunningServer; cookie: string };
  beforeAll(async () => {
    Object.assign(state, await startSeededStats(password));
    state.cookie = (await logIn(state.server.url, password)).cookie!;
  }, 120_000);
  afterAll(async () => {
    await state.server?.stop();
    state.t?.cleanup();
  });
  return state;
}
