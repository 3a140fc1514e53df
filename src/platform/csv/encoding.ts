/**
 * Which text encoding a CSV file is in, from its first bytes. Exports are UTF-8 (with or
 * without a BOM) or, from Excel on Windows, Windows-1252 / Latin-1; UTF-16 comes with a BOM.
 * When the bytes fit none of these, the file is refused rather than read as garbled text.
 */
export type CsvEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
export const CSV_ENCODINGS: readonly CsvEncoding[] = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'];

export type EncodingGuess = { ok: true; encoding: CsvEncoding; bomBytes: number } | { ok: false; error: string };

// Bytes Windows-1252 leaves undefined: a file holding them is not 1252 text.
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

export function detectEncoding(sample: Uint8Array): EncodingGuess {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { ok: true, encoding: 'utf-8', bomBytes: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { ok: true, encoding: 'utf-16le', bomBytes: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { ok: true, encoding: 'utf-16be', bomBytes: 2 };
  if (sample.includes(0)) return { ok: false, error: 'This file is not text (it holds NUL bytes). Export it as CSV (UTF-8).' };
  try {
    // stream: true so a character cut at the end of the sample is not counted as an error.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return { ok: true, encoding: 'utf-8', bomBytes: 0 };
  } catch {
    /* not UTF-8: try Windows-1252 */
  }
  if (sample.some((b) => UNDEFINED_1252.has(b))) {
    return { ok: false, error: 'Cannot tell the text encoding of this file (it is neither UTF-8 nor Windows-1252). Save it as "CSV UTF-8" and import again.' };
  }
  return { ok: true, encoding: 'windows-1252', bomBytes: 0 };
}
