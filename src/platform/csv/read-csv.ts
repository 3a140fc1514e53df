import { detectDelimiter, type Delimiter } from './delimiter.ts';
import { detectEncoding, type CsvEncoding } from './encoding.ts';
import { linesToRecords, textToLines, type CsvRow } from './records.ts';

/**
 * A CSV file as importers take it: its text, its bytes, or a function opening a stream of
 * its bytes (a file on disk, a browser upload). The function form can be read twice, which
 * importers that decide per file (date order, decimal separator) need.
 */
export type CsvSource = string | Uint8Array | (() => AsyncIterable<Uint8Array | string>);

export interface CsvOptions {
  /** Forces the encoding instead of detecting it. */
  encoding?: CsvEncoding;
  /** Forces the separator instead of detecting it. */
  delimiter?: Delimiter;
}

export interface CsvFile {
  encoding: CsvEncoding | 'text';
  delimiter: Delimiter;
  /** Records and per-record errors in file order, read as they are consumed. */
  rows: AsyncGenerator<CsvRow>;
}

/** A file Perch refuses to read as a whole (unknown encoding), with a message for people. */
export class CsvError extends Error {}

const SAMPLE_BYTES = 64 * 1024;

async function* chunksOf(source: CsvSource): AsyncGenerator<Uint8Array | string> {
  if (typeof source === 'string' || source instanceof Uint8Array) yield source;
  else yield* source();
}

/**
 * Opens a CSV file for streaming: detects the encoding (UTF-8 with or without BOM,
 * Windows-1252, UTF-16 with BOM) and the separator from the first 64 KB, then yields records
 * with the line each starts on. Throws CsvError when the encoding cannot be told, or when a
 * later part of a file that began as UTF-8 is not UTF-8.
 */
export async function readCsv(source: CsvSource, options: CsvOptions = {}): Promise<CsvFile> {
  const chunks = chunksOf(source);
  const head: (Uint8Array | string)[] = [];
  let size = 0;
  while (size < SAMPLE_BYTES) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
    size += next.value.length;
  }
  const textInput = head.length > 0 && typeof head[0] === 'string';
  let encoding: CsvEncoding | 'text' = 'text';
  let skip = 0;
  if (!textInput) {
    const sample = concat(head as Uint8Array[]);
    const guess = options.encoding ? { ok: true as const, encoding: options.encoding, bomBytes: 0 } : detectEncoding(sample);
    if (!guess.ok) throw new CsvError(guess.error);
    [encoding, skip] = [guess.encoding, guess.bomBytes];
  }
  const text = decodeAll(head, chunks, encoding, skip);
  const first = await text.next();
  const sampleText = first.done ? '' : first.value.replace(/^\uFEFF/, '');
  const delimiter = options.delimiter ?? detectDelimiter(sampleText);
  async function* all(): AsyncGenerator<string> {
    yield sampleText;
    yield* text;
  }
  return { encoding, delimiter, rows: linesToRecords(textToLines(all()), delimiter) };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
}

/** Text of the file: the sampled head as one piece, then the rest chunk by chunk. */
async function* decodeAll(head: (Uint8Array | string)[], rest: AsyncIterator<Uint8Array | string>, encoding: CsvEncoding | 'text', skip: number): AsyncGenerator<string> {
  if (encoding === 'text') {
    yield head.join('');
    for (let n = await rest.next(); !n.done; n = await rest.next()) yield String(n.value);
    return;
  }
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  let lines = 0;
  const decode = (bytes: Uint8Array, final = false) => {
    try {
      const out = decoder.decode(bytes, { stream: !final });
      lines += out.split('\n').length - 1;
      return out;
    } catch {
      // Where in this chunk: the first replacement character a lenient decoder puts there.
      const lenient = new TextDecoder(encoding).decode(bytes);
      const line = lines + 1 + (lenient.slice(0, lenient.indexOf('\uFFFD')).split('\n').length - 1);
      throw new CsvError(`The file is not ${encoding} text on line ${line}: it mixes encodings. Save it as "CSV UTF-8" and import again.`);
    }
  };
  yield decode(concat(head as Uint8Array[]).subarray(skip));
  for (let n = await rest.next(); !n.done; n = await rest.next()) yield decode(n.value as Uint8Array);
  yield decode(new Uint8Array(), true);
}

/**
 * Runs an import that reads a file twice (once to decide, once to store): a refusal of the
 * first pass or a CsvError from either becomes `{ ok: false, error }`, a message for people.
 */
export async function readTwice<S extends { ok: true }, R>(
  decide: () => Promise<S | { ok: false; error: string }>,
  store: (decided: S) => Promise<R>,
): Promise<R | { ok: false; error: string }> {
  try {
    const decided = await decide();
    return decided.ok ? await store(decided) : decided;
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, error: error.message };
    throw error;
  }
}
