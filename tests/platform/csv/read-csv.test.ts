import { describe, expect, test } from 'vitest';
import { CsvError, readCsv, type CsvRow, type CsvSource } from '../../../src/platform/csv/index.ts';

async function all(source: CsvSource, options = {}): Promise<{ encoding: string; delimiter: string; rows: CsvRow[] }> {
  const file = await readCsv(source, options);
  const rows: CsvRow[] = [];
  for await (const row of file.rows) rows.push(row);
  return { encoding: file.encoding, delimiter: file.delimiter, rows };
}

/** The bytes cut into pieces of `size`, as a stream would hand them over. */
const chunked = (bytes: Uint8Array, size: number) => async function* () {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
};

describe('readCsv', () => {
  test.each([
    [',', 'a,b\n1,2\n'], [';', 'a;b\n1;2\n'], ['\t', 'a\tb\n1\t2\n'], ['|', 'a|b\n1|2\n'],
  ])('finds the %j separator', async (delimiter, text) => {
    const r = await all(text);
    expect(r.delimiter).toBe(delimiter);
    expect(r.rows).toEqual([{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['1', '2'] }]);
  });

  test('a semicolon file whose cells hold decimal commas is still semicolon-separated', async () => {
    expect((await all('name;amount\nAnn;1,50\nBo;2,75\n')).delimiter).toBe(';');
  });

  test('quoted separators, doubled quotes and line breaks; a record is numbered by its first line', async () => {
    const r = await all('a,b\r\n"x, y","say ""hi"""\r\n"two\r\nlines",z\r\nlast,one');
    expect(r.rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 3, cells: ['two\nlines', 'z'] },
      { line: 5, cells: ['last', 'one'] },
    ]);
  });

  test('UTF-8 with a BOM, characters and CRLF split across chunks', async () => {
    const bytes = new TextEncoder().encode('\uFEFFname,city\r\nZoë,Köln\r\nJosé,Åre\r\n');
    for (const size of [1, 2, 3, 7]) {
      const r = await all(chunked(bytes, size));
      expect(r.encoding).toBe('utf-8');
      expect(r.rows).toEqual([{ line: 1, cells: ['name', 'city'] }, { line: 2, cells: ['Zoë', 'Köln'] }, { line: 3, cells: ['José', 'Åre'] }]);
    }
  });

  test('Windows-1252 and UTF-16 (with a BOM) are decoded', async () => {
    const bytes = new Uint8Array([...Buffer.from('name\nZo'), 0xeb, 0x20, 0x96, 0x20, 0x93, ...Buffer.from('Zed'), 0x94, 0x0a]);
    const latin = await all(bytes);
    expect(latin.encoding).toBe('windows-1252');
    expect(latin.rows[1]).toEqual({ line: 2, cells: ['Zoë – “Zed”'] });
    const utf16 = await all(new Uint8Array([0xff, 0xfe, ...Buffer.from('a,b\n1,2\n', 'utf16le')]));
    expect(utf16).toMatchObject({ encoding: 'utf-16le', rows: [{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['1', '2'] }] });
  });

  test('a file that starts as UTF-8 and turns into another encoding is refused, naming the line', async () => {
    const head = 'email\n' + 'a@example.com\n'.repeat(6000);
    const bytes = new Uint8Array([...Buffer.from(head), ...Buffer.from('Zoë@example.com\n', 'latin1')]);
    await expect(all(chunked(bytes, 16 * 1024))).rejects.toThrow(CsvError);
    await expect(all(chunked(bytes, 16 * 1024))).rejects.toThrow('on line 6002');
  });

  test('a stray quote costs only its own row, reported by its first line', async () => {
    const r = await all('a,b\n1,"open\n2,ok\n3,"x"y\n4,fine\n');
    expect(r.rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, error: 'a quote opened on line 2 is never closed' },
      { line: 3, cells: ['2', 'ok'] },
      { line: 4, error: 'a quoted value is followed by "y" on line 4' },
      { line: 5, cells: ['4', 'fine'] },
    ]);
  });
});
