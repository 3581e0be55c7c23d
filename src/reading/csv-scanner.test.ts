import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CsvScanner } from './csv-scanner.ts';

/** Scans the UTF-8 bytes of `text` fed in chunks cut at the given byte offsets. */
function scan(text: string, delimiter: string, cuts: number[] = []) {
  const records: Array<{ fields: string[]; quoteError: boolean }> = [];
  const scanner = new CsvScanner(delimiter, (r) =>
    records.push({ fields: r.fields(), quoteError: r.quoteError }),
  );
  const bytes = Buffer.from(text, 'utf8');
  let start = 0;
  // Cuts fall anywhere, including inside a multi-byte character.
  for (const cut of [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)) {
    scanner.push(bytes.subarray(start, cut));
    start = cut;
  }
  scanner.push(bytes.subarray(start));
  scanner.end();
  return records;
}

function papa(text: string, delimiter: string) {
  const result = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: true });
  return result.data;
}

const field = fc.oneof(
  fc.constantFrom('', 'a', 'abc', '12', ' x ', 'Très', '配送'),
  fc.string({ unit: fc.constantFrom('a', 'b', ',', ';', '"', '\n', '\r', ' ', 'é'), maxLength: 8 }),
);

/** A well-formed CSV text: fields quoted when needed, quotes doubled, one line end per file. */
const csvText = (delimiter: string) =>
  fc
    .array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 })
    .chain((rows) =>
      fc.tuple(
        fc.constant(rows),
        // One line end per file, as exports write them (papaparse assumes that too).
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
      ),
    )
    .map(([rows, ends, trailing]) =>
      rows
        .map((cells, i) => {
          const line = cells
            .map((c) =>
              /["\r\n]/.test(c) || c.includes(delimiter) ? `"${c.replace(/"/g, '""')}"` : c,
            )
            .join(delimiter);
          return i < rows.length - 1 || trailing ? line + ends : line;
        })
        .join(''),
    );

describe('CsvScanner', () => {
  it.each([',', ';', '\t'])(
    'reads what papaparse reads, whatever the chunk boundaries (delimiter %j)',
    (delimiter) => {
      fc.assert(
        fc.property(csvText(delimiter), fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
          const expected = papa(text, delimiter);
          const actual = scan(text, delimiter, cuts);
          expect(actual.map((r) => r.fields)).toEqual(expected);
          expect(actual.some((r) => r.quoteError)).toBe(false);
        }),
        { numRuns: 300 },
      );
    },
  );

  it('skips blank lines and reads CR, LF and CRLF line ends', () => {
    expect(scan('a,b\r\n\r\nc,d\re,f\n\n', ',').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  it('reports a quote never closed on the record where it starts, and keeps the rest as its field', () => {
    const records = scan('a,b\n1,"open\n2,3\n', ',', [7]);
    expect(records.map((r) => r.quoteError)).toEqual([false, true]);
    expect(records[1]!.fields).toEqual(['1', 'open\n2,3\n']);
  });

  it('reports a closing quote followed by text, as papaparse does', () => {
    const text = 'a,b,c\n1,2,"never closed\n3,4,5\n6,7,"x, y"\n8,9,10\n';
    const records = scan(text, ',');
    expect(records.map((r) => r.fields)).toEqual(papa(text, ','));
    expect(records[1]!.quoteError).toBe(true);
  });
});
