// A progress bar for reading a big import file, drawn by cli-progress.
import cliProgress from 'cli-progress';

const n = (x: number) => x.toLocaleString('en-US');

/**
 * A bar by bytes (the row count is not known until the end), with the rows read so far. Only
 * on a terminal and for files over 1 MB: in logs the import's summary says enough.
 */
export function createFileProgress(totalBytes: number, label: string, stream: NodeJS.WriteStream = process.stderr) {
  const show = !!stream.isTTY && totalBytes > 1_000_000;
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% · {rows} rows · ETA {eta_formatted}`, stream, barsize: 28, hideCursor: false, etaBuffer: 50 },
    cliProgress.Presets.legacy,
  );
  if (show) bar.start(totalBytes, 0, { rows: 0 });
  return {
    bytes(count: number) {
      if (show) bar.increment(count);
    },
    rows(rows: number) {
      if (show) bar.update({ rows: n(rows) });
    },
    end() {
      if (show) bar.stop();
    },
  };
}
