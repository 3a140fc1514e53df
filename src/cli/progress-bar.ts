// Progress for a broadcast: a redrawn bar with counts and an ETA on a terminal, a plain
// line every few seconds otherwise (CI logs, pipes).
import type { Progress } from '../broadcasts/broadcast-send.ts';

const WIDTH = 28;

export function formatDuration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

export function formatProgress(p: Progress): string {
  const done = p.sent + p.skipped + p.failed;
  const filled = p.total ? Math.round((done / p.total) * WIDTH) : WIDTH;
  const n = (x: number) => x.toLocaleString('en-US');
  const extra = [p.skipped ? `${n(p.skipped)} skipped` : '', p.failed ? `${n(p.failed)} failed` : ''].filter(Boolean).join(', ');
  return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${n(p.sent)}/${n(p.total)} sent${extra ? ` (${extra})` : ''} · ETA ${formatDuration(p.etaMs)}`;
}

/** Returns an onProgress callback writing to `stream`, and `end()` to finish the line. */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stdout, everyMs = 5000) {
  let last = 0;
  let latest: Progress | undefined;
  return {
    update(p: Progress) {
      latest = p;
      if (stream.isTTY) {
        stream.write(`\r${formatProgress(p)}\x1b[K`);
      } else if (Date.now() - last >= everyMs) {
        last = Date.now();
        stream.write(`${formatProgress(p)}\n`);
      }
    },
    end() {
      if (stream.isTTY) stream.write('\n');
      else if (latest) stream.write(`${formatProgress(latest)}\n`);
    },
  };
}
