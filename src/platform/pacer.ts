/**
 * Spaces calls to at most `perSecond` starts per second, evenly (no bursts), and lets a
 * `429 retry-after` push every later start back.
 */
export interface Pacer {
  /**
   * Makes `call` when the next slot comes, booking the slot in the same step: nothing runs in
   * between, so other work on the event loop cannot shorten the gap before the next call.
   */
  start: <T>(call: () => Promise<T>) => Promise<T>;
  /** No call starts before `ms` from now. */
  pause: (ms: number) => void;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createPacer(perSecond: number, now: () => number = Date.now): Pacer {
  const interval = 1000 / perSecond;
  let next = 0;
  return {
    async start(call) {
      // Re-check after sleeping: a timer that fires late must not shorten the next gap,
      // and other waiters may have taken the slot meanwhile.
      for (let t = now(); t < next; t = now()) await sleep(next - t);
      next = now() + interval;
      return call();
    },
    pause(ms) {
      next = Math.max(next, now() + ms);
    },
  };
}
