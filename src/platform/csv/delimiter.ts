/** The separators exports use: comma, semicolon (European Excel), tab, pipe (ShareASale's API). */
export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Counts a separator outside double quotes on one line. */
function countOutsideQuotes(line: string, delimiter: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) n++;
  }
  return n;
}

/**
 * The separator that splits the first lines into the same number of columns most often
 * (title lines above the header, like Amazon's, only lower the score). Comma when no line
 * holds any separator (a one-column file).
 */
export function detectDelimiter(sample: string): Delimiter {
  const lines = sample.split(/\r\n|\n|\r/).slice(0, 30).filter((l) => l.trim() !== '');
  let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, delimiter)).filter((n) => n > 0);
    const tally = new Map<number, number>();
    for (const n of counts) tally.set(n, (tally.get(n) ?? 0) + 1);
    // Lines agreeing on one column count, weighted a little by how many columns that is.
    const score = Math.max(0, ...[...tally].map(([columns, lines]) => lines * 1000 + columns));
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}
