// What the two import commands share: a file read as a re-openable byte stream (with a
// progress bar on the second read), and the skipped rows capped on screen, all in a file.
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { createFileProgress } from './file-progress.ts';

export interface FileSource {
  size: number;
  /** Opens the file again; the last opening (the one that stores) drives the progress bar. */
  open: () => AsyncIterable<Uint8Array>;
  done: () => void;
  rows: (n: number) => void;
}

/** The file as a source for the importers, or null when it cannot be read. */
export function fileSource(path: string, passes: number): FileSource | null {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return null;
    size = stat.size;
  } catch {
    return null;
  }
  const progress = createFileProgress(size * passes, 'Reading');
  return {
    size,
    open: async function* () {
      for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
        progress.bytes(chunk.length);
        yield chunk;
      }
    },
    done: () => progress.end(),
    rows: (n) => progress.rows(n),
  };
}

const SHOWN = 20;

/**
 * Lines for skipped rows: the first 20 on screen; with more, every one goes to
 * `<file>.<kind>.txt` next to the import and the last line says where.
 */
export function describeSkipped(importedFile: string, skipped: { line: number; reason: string }[], indent = '  ', kind = 'skipped'): string[] {
  const lines = skipped.slice(0, SHOWN).map((s) => `${indent}line ${s.line}: ${s.reason}`);
  if (skipped.length > SHOWN) {
    const listFile = `${importedFile}.${kind}.txt`;
    writeFileSync(listFile, skipped.map((s) => `line ${s.line}: ${s.reason}\n`).join(''));
    lines.push(`${indent}… and ${skipped.length - SHOWN} more; all ${skipped.length} are listed in ${listFile}`);
  }
  return lines;
}
