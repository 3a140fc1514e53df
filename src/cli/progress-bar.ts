// Progress bars for the creator commands, drawn by cli-progress: a redrawn bar with counts and
// an ETA on a terminal, a plain line every few seconds otherwise (CI logs, pipes).
import cliProgress from 'cli-progress';
import type { Progress } from '../broadcasts/broadcast-send.ts';

export function formatDuration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

const n = (x: number) => x.toLocaleString('en-US');

function bar(format: string, stream: NodeJS.WriteStream, everyMs: number) {
  return new cliProgress.SingleBar({
    format,
    stream,
    noTTYOutput: true,
    notTTYSchedule: everyMs,
    barsize: 28,
    hideCursor: false,
    etaBuffer: 50,
    formatValue: (v, _o, type) => (type === 'value' || type === 'total' ? n(v) : String(v)),
  }, cliProgress.Presets.legacy);
}

/** Returns an onProgress callback for a broadcast writing to `stream`, and `end()` to finish the line. */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stdout, everyMs = 5000) {
  const progress = bar('[{bar}] {value}/{total} sent{extra} · ETA {eta_formatted}', stream, everyMs);
  let started = false;
  return {
    update(p: Progress) {
      const extra = [p.skipped ? `${n(p.skipped)} skipped` : '', p.failed ? `${n(p.failed)} failed` : ''].filter(Boolean).join(', ');
      const payload = { extra: extra ? ` (${extra})` : '' };
      if (!started) (started = true), progress.start(p.total, p.sent, payload);
      progress.update(p.sent + p.skipped + p.failed, payload);
    },
    end() {
      if (started) progress.stop();
    },
  };
}

/**
 * A bar for reading a big file, by bytes (the row count is not known until the end). Only on
 * a terminal: in logs the import's summary says enough.
 */
export function createFileProgress(totalBytes: number, label: string, stream: NodeJS.WriteStream = process.stderr) {
  const show = stream.isTTY && totalBytes > 1_000_000;
  const progress = bar(`${label} [{bar}] {percentage}% · {rows} rows · ETA {eta_formatted}`, stream, 5000);
  if (show) progress.start(totalBytes, 0, { rows: 0 });
  return {
    bytes(count: number) {
      if (show) progress.increment(count);
    },
    rows(rows: number) {
      if (show) progress.update({ rows: n(rows) });
    },
    end() {
      if (show) progress.stop();
    },
  };
}
