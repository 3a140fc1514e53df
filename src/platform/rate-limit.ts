import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';

export interface RateLimiter {
  /** Counts one hit for `key`; returns 0 when allowed, else the ms until the window resets. */
  hit(key: string, now?: number): number;
}

/**
 * A fixed-window counter in memory. Keys are hashed with a salt that lives only in this
 * process, so no IP or address is kept in readable form, not even in memory dumps or logs;
 * a restart forgets everything, which is fine for abuse limits.
 */
export function createRateLimiter(limit: number, windowMs: number, maxKeys = 50_000): RateLimiter {
  const salt = randomBytes(16);
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key, now = Date.now()) {
      const id = createHash('sha256').update(salt).update(key).digest('base64url');
      let entry = windows.get(id);
      if (!entry || now - entry.start >= windowMs) {
        if (windows.size >= maxKeys) prune(windows, now, windowMs, maxKeys);
        entry = { start: now, count: 0 };
        windows.set(id, entry);
      }
      entry.count++;
      return entry.count > limit ? entry.start + windowMs - now : 0;
    },
  };
}

function prune(windows: Map<string, { start: number }>, now: number, windowMs: number, maxKeys: number): void {
  for (const [id, entry] of windows) if (now - entry.start >= windowMs) windows.delete(id);
  // Still full (a flood of distinct keys): forget the oldest half rather than grow.
  if (windows.size >= maxKeys) {
    let drop = Math.floor(windows.size / 2);
    for (const id of windows.keys()) if (drop-- > 0) windows.delete(id);
  }
}

export interface SharedRateLimiter {
  /** As `RateLimiter.hit`, counted in the database, so every instance on it shares the limit. */
  hit(key: string, now?: number): Promise<number>;
}

/** A shared limit: its name (the prefix of its rows), how many hits a window allows, how long a window lasts. */
export interface SharedLimit {
  name: string;
  limit: number;
  windowMs: number;
}

const KEY_SETTING = 'rate-limit-key';
const HIT_SQL =
  'insert into rate_limits (key, window_start, count) values (?, ?, 1) on conflict (key) do update set ' +
  'count = case when rate_limits.window_start <= ? then 1 else rate_limits.count + 1 end, ' +
  'window_start = case when rate_limits.window_start <= ? then excluded.window_start else rate_limits.window_start end ' +
  'returning window_start, count';

/**
 * A fixed-window counter in the database's `rate_limits` table: one atomic upsert per hit,
 * so two instances count one client once. Keys are HMACs under a key kept in the `settings`
 * table (the same on every instance, never an IP or address in readable form); ended
 * windows are deleted every few minutes. If the database does not answer, it counts in
 * memory instead (a limit is better than none).
 */
export function createSharedRateLimiter(db: Db, { name, limit, windowMs }: SharedLimit): SharedRateLimiter {
  const fallback = createRateLimiter(limit, windowMs);
  let secret: Promise<string> | undefined;
  let lastPrune = 0;
  const client = db.$client;
  const readSecret = async () => {
    await client.execute({ sql: 'insert into settings (key, value) values (?, ?) on conflict (key) do nothing', args: [KEY_SETTING, randomBytes(32).toString('base64url')] });
    return (await storedSecret(db))!;
  };
  return {
    async hit(key, now = Date.now()) {
      try {
        secret ??= readSecret().catch((error: unknown) => ((secret = undefined), Promise.reject(error)));
        const id = limitId(name, await secret, key);
        const ended = now - windowMs;
        if (now - lastPrune > 5 * 60_000) {
          lastPrune = now;
          await client.execute({ sql: 'delete from rate_limits where key like ? and window_start <= ?', args: [`${name}:%`, ended] });
        }
        const row = (await client.execute({ sql: HIT_SQL, args: [id, now, ended, ended] })).rows[0]!;
        const [start, count] = [Number(row.window_start), Number(row.count)];
        return count > limit ? start + windowMs - now : 0;
      } catch {
        return fallback.hit(key, now);
      }
    },
  };
}

/** A limit's row key: the limiter's name and the HMAC of the client's key. */
function limitId(name: string, secret: string, key: string): string {
  return `${name}:${createHmac('sha256', secret).update(key).digest('base64url').slice(0, 32)}`;
}

async function storedSecret(db: Db): Promise<string | undefined> {
  const row = (await db.$client.execute({ sql: 'select value from settings where key = ?', args: [KEY_SETTING] })).rows[0];
  return row ? String(row.value) : undefined;
}

/** Deletes what `createSharedRateLimiter(db, limit)` counts for `key` (e.g. an erased address). */
export async function forgetRateLimitKey(db: Db, { name }: Pick<SharedLimit, 'name'>, key: string): Promise<void> {
  const secret = await storedSecret(db);
  if (secret) await db.$client.execute({ sql: 'delete from rate_limits where key = ?', args: [limitId(name, secret, key)] });
}
