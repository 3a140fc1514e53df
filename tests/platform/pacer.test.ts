import { describe, expect, test } from 'vitest';
import { createPacer } from '../../src/platform/pacer.ts';

/** Holds the event loop, as a synchronous database write of another batch does. */
const busy = (ms: number) => {
  for (const until = performance.now() + ms; performance.now() < until; );
};

describe('createPacer', () => {
  test('calls start a full interval apart, even when other work holds the event loop between them', async () => {
    const pacer = createPacer(20); // one call every 50 ms
    const started: number[] = [];
    const call = async () => {
      started.push(performance.now());
      busy(30);
      await Promise.resolve();
      busy(10);
    };
    await Promise.all(Array.from({ length: 6 }, () => pacer.start(call)));
    const gaps = started.slice(1).map((at, i) => at - started[i]!);
    expect(gaps).toHaveLength(5);
    // Date.now() counts whole milliseconds: a gap can be up to 1 ms short of 50.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(49);
  });

  test('a pause (a 429 retry-after) holds back every later call', async () => {
    const pacer = createPacer(100);
    await pacer.start(async () => {});
    const pausedAt = performance.now();
    pacer.pause(120);
    const startedAt = await pacer.start(async () => performance.now());
    expect(startedAt - pausedAt).toBeGreaterThanOrEqual(119);
  });
});
