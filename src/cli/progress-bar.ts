// Progress for a broadcast: on a terminal a bar with counts and an ETA, drawn by cli-progress
// (as the import commands' bar, src/cli/file-progress.ts); otherwise (CI logs, pipes) a plain
// line every few seconds and one at the end.
import cliProgress from 'cli-progress';
import type { Progress } from '../broadcasts/broadcast-send.ts';

const WIDTH = 28;
const n = (x: number) => x.toLocaleString('en-US');

export function formatDuration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** "1,200/5,000 sent (3 skipped) · ETA 2m 05s": the counts after the bar. */
function counts(p: Progress): string {
  const extra = [p.skipped ? `${n(p.skipped)} skipped` : '', p.failed ? `${n(p.failed)} failed` : ''].filter(Boolean).join(', ');
  return `${n(p.sent)}/${n(p.total)} sent${extra ? ` (${extra})` : ''} · ETA ${formatDuration(p.etaMs)}`;
}

/** The plain line written to logs. */
export function formatProgress(p: Progress): string {
  const done = p.sent + p.skipped + p.failed;
  const filled = p.total ? Math.round((done / p.total) * WIDTH) : WIDTH;
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${counts(p)}`;
}

/** Returns an onProgress callback writing to `stream`, and `end()` to finish the line. */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stdout, everyMs = 5000) {
  let last = 0;
  let latest: Progress | undefined;
  const bar = stream.isTTY ? new cliProgress.SingleBar({ format: '[{bar}] {counts}', stream, barsize: WIDTH, hideCursor: false }, cliProgress.Presets.legacy) : undefined;
  return {
    update(p: Progress) {
      if (bar && !latest) bar.start(Math.max(p.total, 1), 0, { counts: '' });
      latest = p;
      if (bar) {
        bar.setTotal(Math.max(p.total, 1));
        bar.update(p.sent + p.skipped + p.failed, { counts: counts(p) });
      } else if (Date.now() - last >= everyMs) {
        last = Date.now();
        stream.write(`${formatProgress(p)}\n`);
      }
    },
    end() {
      if (bar) {
        if (latest) bar.stop();
      } else if (latest) stream.write(`${formatProgress(latest)}\n`);
    },
  };
}
