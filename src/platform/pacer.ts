/**
 * Spaces calls to at most `perSecond` starts per second, evenly (no bursts), and lets a
 * `429 retry-after` push every later start back.
 */
export interface Pacer {
  /** Resolves when the next call may start, and books that slot. */
  wait: () => Promise<void>;
  /** No call starts before `ms` from now. */
  pause: (ms: number) => void;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createPacer(perSecond: number, now: () => number = Date.now): Pacer {
  const interval = 1000 / perSecond;
  let next = 0;
  return {
    async wait() {
      // Re-check after sleeping: a timer that fires late must not shorten the next gap,
      // and other waiters may have taken the slot meanwhile.
      for (let t = now(); t < next; t = now()) await sleep(next - t);
      next = now() + interval;
    },
    pause(ms) {
      next = Math.max(next, now() + ms);
    },
  };
}
