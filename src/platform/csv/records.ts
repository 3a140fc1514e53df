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

/** Parses one record from `lines` (its first line first); 'more' when a quote runs past them. */
function parseRecord(lines: Line[], delimiter: string): Parsed {
  const cells: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStart = true;
  for (let li = 0; li < lines.length; li++) {
    const text = lines[li]!.text;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (quoted) {
        if (ch !== '"') field += ch;
        else if (text[i + 1] === '"') (field += '"'), i++;
        else if (i + 1 === text.length || text[i + 1] === delimiter) quoted = false;
        else return { error: `a quoted value is followed by ${JSON.stringify(text.slice(i + 1, i + 11))} on line ${lines[li]!.no}`, resync: li > 0 };
      } else if (ch === '"' && fieldStart && field.trim() === '') {
        quoted = true;
        field = '';
      } else if (ch === delimiter) {
        cells.push(field.trim());
        field = '';
        fieldStart = true;
        continue;
      } else field += ch;
      fieldStart = false;
    }
    if (!quoted) {
      cells.push(field.trim());
      return { cells, used: li + 1 };
    }
    field += '\n';
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
