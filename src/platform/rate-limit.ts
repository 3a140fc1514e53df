import { createHash, randomBytes } from 'node:crypto';

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
