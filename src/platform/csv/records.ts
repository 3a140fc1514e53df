/** One record of a CSV file: its cells (trimmed) and the line it starts on (1-based). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A record that could not be read, with the line it starts on and why. */
export interface CsvRecordError {
  line: number;
  error: string;
}

export type CsvRow = CsvRecord | CsvRecordError;

export const isCsvError = (row: CsvRow): row is CsvRecordError => 'error' in row;

// A quoted value may hold line breaks (an address, a note); one longer than this is taken to
// be a stray quote, and reading starts again on the line after the record's first.
export const MAX_RECORD_LINES = 50;

interface Line {
  no: number;
  text: string;
}

type Parsed = { cells: string[]; used: number } | { error: string; resync: boolean } | 'more';

/**
 * Parses one record from `lines` (its first line first); 'more' when a quote runs past them.
 * Unquoted cells are cut out whole (indexOf + slice), not built a character at a time: a big
 * import then makes a few strings per cell instead of one per character.
 */
function parseRecord(lines: Line[], delimiter: string): Parsed {
  const cells: string[] = [];
  let field = '';
  let quoted = false;
  for (let li = 0; li < lines.length; li++) {
    const text = lines[li]!.text;
    let i = 0;
    for (;;) {
      if (!quoted) {
        // A quote opens a quoted cell only as the cell's first character.
        if (text[i] === '"') {
          quoted = true;
          field = '';
          i++;
          continue;
        }
        const end = text.indexOf(delimiter, i);
        if (end === -1) {
          cells.push(text.slice(i).trim());
          return { cells, used: li + 1 };
        }
        cells.push(text.slice(i, end).trim());
        i = end + 1;
        continue;
      }
      const q = text.indexOf('"', i);
      if (q === -1) {
        field += text.slice(i) + '\n';
        break;
      }
      field += text.slice(i, q);
      if (text[q + 1] === '"') {
        field += '"';
        i = q + 2;
        continue;
      }
      if (q + 1 === text.length) {
        cells.push(field.trim());
        return { cells, used: li + 1 };
      }
      if (text[q + 1] !== delimiter) return { error: `a quoted value is followed by ${JSON.stringify(text.slice(q + 1, q + 11))} on line ${lines[li]!.no}`, resync: li > 0 };
      cells.push(field.trim());
      quoted = false;
      i = q + 2;
    }
  }
  return 'more';
}

/**
 * Turns lines into records. A malformed record (a stray quote) is reported by its first line
 * and skipped; reading goes on with the next line, so one bad row never loses the rest.
 * Rows whose cells are all empty are left out.
 */
export async function* linesToRecords(lines: AsyncIterable<Line>, delimiter: string): AsyncGenerator<CsvRow> {
  const pending: Line[] = [];
  const source = lines[Symbol.asyncIterator]();
  let done = false;
  const pull = async () => {
    const next = await source.next();
    if (next.done) done = true;
    else pending.push(next.value);
  };
  for (;;) {
    if (pending.length === 0) await pull();
    if (pending.length === 0) return;
    const first = pending[0]!;
    if (!first.text.includes('"')) {
      pending.shift();
      yield* nonEmpty(first.no, first.text.split(delimiter).map((c) => c.trim()));
      continue;
    }
    let parsed = parseRecord(pending, delimiter);
    while (parsed === 'more' && !done && pending.length < MAX_RECORD_LINES) {
      await pull();
      parsed = parseRecord(pending, delimiter);
    }
    if (parsed === 'more') {
      pending.shift();
      yield { line: first.no, error: `a quote opened on line ${first.no} is never closed` };
    } else if ('error' in parsed) {
      pending.shift();
      yield { line: first.no, error: parsed.resync ? `a quote opened on line ${first.no} is never closed` : parsed.error };
    } else {
      pending.splice(0, parsed.used);
      yield* nonEmpty(first.no, parsed.cells);
    }
  }
}

function* nonEmpty(line: number, cells: string[]): Generator<CsvRecord> {
  if (cells.some((c) => c !== '')) yield { line, cells };
}

/** Splits text chunks into numbered lines (LF, CRLF or CR endings). */
export async function* textToLines(chunks: AsyncIterable<string>): AsyncGenerator<Line> {
  let rest = '';
  let no = 0;
  for await (const chunk of chunks) {
    const text = rest + chunk;
    const parts = text.split(/\r\n|\n|\r(?!$)/);
    rest = parts.pop()!;
    for (const part of parts) yield { no: ++no, text: part };
  }
  rest = rest.replace(/\r$/, '');
  if (rest !== '') yield { no: ++no, text: rest };
}
