import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCell, type CellContext } from './cell-parsers.ts';
import { CsvScanner, type CsvRecord } from './csv-scanner.ts';
import {
  CellMemo,
  DayValues,
  fastPlan,
  readFast,
  readNumber,
  readScore,
  SLOW,
} from './read-table.ts';

const ctx: CellContext = { labels: new Map(), decimal: '.', thousands: undefined };

/** Scans the row `<cell>,x` and returns what `read` makes of its record (field 0 is `cell`). */
function withRecord<T>(cell: string, read: (record: CsvRecord) => T): T {
  let result: T | undefined;
  new CsvScanner(',', (record: CsvRecord) => (result = read(record))).push(
    Buffer.from(`${cell},x\n`),
  );
  return result as T;
}

/**
 * Feeds `cells` to a store of remembered values (the memo, the day values): an empty cell is
 * missing, an unseen one is SLOW and then set, a seen one answers exactly what was set for it.
 */
function checkRemembers(
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

/** Reads one cell with the fast reader of its kind (SLOW: left to the general parser). */
function convert(kind: Parameters<typeof fastPlan>[0], cell: string) {
  const plan = fastPlan(kind, ctx);
  return withRecord(cell, (record): unknown =>
    kind.type === 'score' ? readScore(record, 0, plan.onScale!) : readNumber(record, 0),
  );
}

describe('fast cell converters', () => {
  it('read a number exactly as Number() does, or decline', () => {
    const numeric = fc
      .tuple(
        fc.stringMatching(/^[0-9]{0,18}$/),
        fc.option(fc.stringMatching(/^[0-9]{0,8}$/), { nil: undefined }),
      )
      .map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`))
      .filter((text) => text !== '' && text !== '.');
    fc.assert(
      fc.property(numeric, (text) => {
        const value = convert({ type: 'number' }, text);
        if (value !== SLOW) expect(value).toBe(Number(text));
      }),
      { numRuns: 2000 },
    );
    // The boundary cases: 2^53 + 1 needs the general parser; 15 digits do not.
    expect(convert({ type: 'number' }, '9007199254740993')).toBe(SLOW);
    expect(convert({ type: 'number' }, '123456789012.345')).toBe(123456789012.345);
  });

  it('read a score only when it is a plain whole number on the scale and not a N/A code', () => {
    const kind = { type: 'score', min: 0, max: 10, notApplicable: ['99', 'N/A'] } as const;
    expect(convert(kind, '7')).toBe(7);
    expect(convert(kind, '11')).toBe(SLOW);
    expect(convert(kind, 'N/A')).toBe(SLOW);
    const naOnScale = { ...kind, max: 100 };
    expect(convert(naOnScale, '99')).toBe(SLOW); // a code, even though 99 is on the scale
    expect(parseCell('99', naOnScale, ctx)).toEqual({ ok: true, value: undefined });
  });

  it('read any short cell as the general parser does, or decline', () => {
    // Every printable ASCII character alone (the one-digit path) and in pairs, on two scales.
    const printable = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i));
    const cells = [...printable, ...printable.flatMap((a) => ['0', '1', '9', a].map((b) => a + b))];
    for (const kind of [
      { type: 'score', min: 0, max: 10, notApplicable: [] },
      { type: 'score', min: 1, max: 5, notApplicable: ['0'] },
    ] as const) {
      for (const cell of cells) {
        if (cell.includes(',') || cell.includes('"')) continue;
        const value = convert(kind, cell);
        if (value === SLOW) continue;
        const parsed = parseCell(cell, kind, ctx);
        expect({ cell, value }).toEqual({ cell, value: parsed.ok ? parsed.value : 'rejected' });
        expect(Number.isInteger(value)).toBe(true);
      }
    }
    expect(convert({ type: 'score', min: 0, max: 10, notApplicable: [] }, ':')).toBe(SLOW);
  });
});

describe('segment levels', () => {
  it('read a cell written as a declared level as the general parser does, or decline', () => {
    // Levels that differ only in case: the parser takes the first that matches.
    const kind = { type: 'level', levels: ['SMB', 'Public sector', 'smb', 'Zürich'] } as const;
    const plan = fastPlan(kind, ctx);
    const cells = fc.constantFrom(
      ...['SMB', 'smb', 'Smb', 'Public sector', 'public sector', 'Public  sector', ' SMB', 'SMB '],
      ...['Zürich', 'Zurich', '"SMB"', '"S""MB"', 'Enterprise', ''],
    );
    fc.assert(
      fc.property(cells, (cell) => {
        const [value, raw] = withRecord(cell, (record) => [
          readFast(plan, record, 0),
          record.text(0),
        ]);
        if (value === SLOW) return;
        const parsed = parseCell(raw, kind, ctx);
        expect({ cell, value }).toEqual({ cell, value: parsed.ok ? parsed.value : 'rejected' });
      }),
    );
    // The exact spellings are read here: the lower-case one takes the first level's value.
    const read = (cell: string) => withRecord(cell, (record) => readFast(plan, record, 0));
    expect(read('smb')).toBe('SMB');
    expect(read('Public sector')).toBe('Public sector');
    expect(read('public sector')).toBe(SLOW);
  });
});

describe('the memo of repeated cells', () => {
  it('returns what was remembered for exactly these bytes, even when cells collide', () => {
    // Long cells that differ only where the hash does not look, short ones (and the empty
    // one), and dates.
    const pool = [
      ...Array.from({ length: 12 }, (_, i) => `aaa${String.fromCharCode(97 + i)}aaaaaaaaaaaaaaa`),
      ...Array.from({ length: 6 }, (_, i) => 'xyz'.slice(0, i % 4)),
      ...Array.from({ length: 40 }, (_, i) => `2026-0${1 + (i % 9)}-${10 + (i % 19)}`),
      'Public sector',
      'Publik sector',
    ];
    fc.assert(
      // An empty cell is missing in every column: nothing to remember.
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 300 }), (cells) =>
        checkRemembers(new CellMemo(), cells),
      ),
    );
  });
});

describe('the values of ISO dates by day', () => {
  it('returns what was remembered for exactly this date, even when days share a slot', () => {
    // Days 2048 apart as numbers share a slot; near misses of the pattern are never remembered.
    const pool = [
      '2026-07-01',
      // …and the dates one digit away from it, in each place.
      ...['1026-07-01', '2126-07-01', '2036-07-01', '2027-07-01', '2026-17-01', '2026-08-01'],
      ...['2026-07-11', '2026-07-02'],
      '2026-07-31',
      '2026-09-30',
      '2026-12-31',
      '2027-01-01',
      '2026-02-30',
      `${20260701 + 2048}`.replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3'),
      `${20260701 - 4096}`.replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3'),
      '2026-7-01',
      '2026/07/01',
      '2026-07-0a',
      ' 2026-07-1',
      '2026-07-01 ',
      '',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pool), { maxLength: 300 }), (cells) =>
        checkRemembers(new DayValues(), cells, (cell) =>
          expect(/^\d{4}-\d{2}-\d{2}$/.test(cell)).toBe(true),
        ),
      ),
    );
  });
});
