/**
 * Cells as a CSV export writes them, for the tests of the cell rules (src/reading/cells): each
 * is scanned into a record as the table reader would see it, so a fast reader and the parser
 * are compared on the same cell — the reader on its bytes, the parser on its text.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { CsvScanner, type CsvRecord } from '../src/reading/csv-scanner.ts';
import { SLOW, type CellResult } from '../src/reading/cells/cell.ts';

const QUOTE = 0x22;
const NEEDS_QUOTES = new Set([0x2c, QUOTE, 0x0a, 0x0d]);

/** A cell's content, and whether it is quoted (it must be when it holds , " or a line end). */
export interface Cell {
  bytes: Buffer;
  quoted: boolean;
}

/** The pieces cells are made of in exports, and the ones that trip readers up. */
const PIECES = [
  ...['0', '1', '5', '7', '9', '10', '99', '100', '007', '12345678', '1234567890123456'],
  ...['+', '-', '.', ',', "'", '"', '""', 'e', 'E', 'x', 'C', 'R', 'T', ':', '/'],
  ...[' ', '  ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u202f', '\u3000', '\ufeff', '\u2028'],
  ...['N/A', 'n/a', 'NA', 'SMB', 'smb', 'Zürich', 'é', '日本', '😀', '\u0000', '\u007f'],
  ...['2026-07-01', '2026-02-30', '2026-13-01', '1999-12-31', '2024-02-29', '12:30'],
];

/**
 * Arbitrary cell contents: runs of the pieces above, any text, or any bytes (invalid UTF-8
 * included), with extra pieces a rule cares about (its levels, its codes).
 */
export function cellContents(extra: readonly string[] = []): fc.Arbitrary<Buffer> {
  const piece = fc.constantFrom(...PIECES, ...extra);
  return fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: piece, maxLength: 4 }).map((s) => Buffer.from(s)) },
    { weight: 2, arbitrary: fc.constantFrom(...extra, '').map((s) => Buffer.from(s)) },
    {
      weight: 1,
      arbitrary: fc.string({ unit: 'binary', maxLength: 6 }).map((s) => Buffer.from(s)),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 6 }).map((b) => Buffer.from(b)) },
  );
}

/** Arbitrary cells: contents, quoted when they must be and now and then when they need not. */
export function cells(extra: readonly string[] = []): fc.Arbitrary<Cell> {
  return fc.tuple(cellContents(extra), fc.boolean()).map(([bytes, quoted]) => ({
    bytes,
    quoted: quoted || bytes.some((b) => NEEDS_QUOTES.has(b)),
  }));
}

/**
 * Scans the row `<cell>,x` and returns what `read` makes of its record (field 0 is the cell). A
 * string cell is written as given (quotes and all); a Cell is quoted as an export would.
 */
export function withRecord<T>(cell: string | Cell, read: (record: CsvRecord) => T): T {
  let line: Buffer;
  if (typeof cell === 'string') line = Buffer.from(`${cell},x\n`);
  else if (!cell.quoted) line = Buffer.concat([cell.bytes, Buffer.from(',x\n')]);
  else {
    const doubled = Buffer.from(cell.bytes.toString('latin1').replaceAll('"', '""'), 'latin1');
    line = Buffer.concat([Buffer.from('"'), doubled, Buffer.from('",x\n')]);
  }
  let result: { value: T } | undefined;
  new CsvScanner(',', (record: CsvRecord) => {
    if (result === undefined) result = { value: read(record) };
  }).push(line);
  if (result === undefined) throw new Error(`no record scanned from ${JSON.stringify(line)}`);
  return result.value;
}

/**
 * Feeds `cells` to a store of remembered values (the memo, the day values): an empty cell is
 * missing, an unseen one is SLOW and then set, a seen one answers exactly what was set for it.
 */
export function checkRemembers(
  store: {
    get(record: CsvRecord, i: number): unknown;
    set(record: CsvRecord, i: number, value: string): void;
  },
  cells: string[],
  onRemembered: (cell: string) => void = () => {},
) {
  for (const cell of cells) {
    withRecord(cell, (record) => {
      const remembered = store.get(record, 0);
      if (cell === '') expect(remembered).toBe(undefined);
      else if (remembered === SLOW) store.set(record, 0, `value of ${cell}`);
      else {
        onRemembered(cell);
        expect(remembered).toBe(`value of ${cell}`);
      }
    });
  }
}

/** What the parser's answer compares as: the value, or 'rejected' for a problem. */
export function parsedValue(result: CellResult): unknown {
  return result.ok ? result.value : 'rejected';
}

/** The cell's bytes as a string for messages: invalid UTF-8 shown as escapes. */
export function shown(cell: Cell): string {
  return `${cell.quoted ? 'quoted ' : ''}${JSON.stringify(cell.bytes.toString('latin1'))}`;
}

/**
 * Checks a rule's fast reader against its parser on arbitrary cells: whenever `read` returns a
 * value rather than SLOW, it is what `parse` returns for the cell's text (the problem
 * 'rejected' included, which the reader must never accept).
 */
export function expectFastEqualsPlain(
  arbitrary: fc.Arbitrary<Cell>,
  read: (record: CsvRecord) => unknown,
  parse: (text: string) => CellResult,
  numRuns = 5000,
): void {
  let accepted = 0;
  fc.assert(
    fc.property(arbitrary, (cell) =>
      withRecord(cell, (record) => {
        const value = read(record);
        if (value === SLOW) return;
        accepted += 1;
        expect({ cell: shown(cell), value }).toEqual({
          cell: shown(cell),
          value: parsedValue(parse(record.text(0))),
        });
      }),
    ),
    { numRuns },
  );
  // A reader that declined every cell would pass: most cells generated are unusual, not all.
  expect(accepted).toBeGreaterThan(numRuns / 20);
}
