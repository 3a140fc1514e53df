import { PassThrough } from 'node:stream';
import { expect, test } from 'vitest';
import { createProgressReporter, formatDuration } from '../../src/cli/progress-bar.ts';

const progress = (sent: number, total = 1_000) => ({ sent, skipped: 3, failed: 1, total, etaMs: 125_000 }) as never;

test('in a log (no terminal): a plain line at most every interval, and the last one at the end', () => {
  const stream = new PassThrough();
  let written = '';
  stream.on('data', (chunk) => (written += chunk));
  const reporter = createProgressReporter(stream as unknown as NodeJS.WriteStream, 60_000);
  reporter.update(progress(100));
  reporter.update(progress(500));
  reporter.end();
  stream.end();
  expect(written.split('\n').filter(Boolean)).toEqual([
    '[###-------------------------] 100/1,000 sent (3 skipped, 1 failed) · ETA 2m 05s',
    '[##############--------------] 500/1,000 sent (3 skipped, 1 failed) · ETA 2m 05s',
  ]);
});

test('durations read as a person says them', () => {
  expect([formatDuration(900), formatDuration(59_001), formatDuration(61_000)]).toEqual(['1s', '1m 00s', '1m 01s']);
});
