import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cells, checkRemembers, expectFastEqualsPlain } from '../../../test/cell-records.ts';
import { parseCell } from './by-kind.ts';
import { SLOW, type CellContext } from './cell.ts';
import { DayValues, isoDayNumber, readsIsoDays, toIsoDate } from './date.ts';

const ctx: CellContext = { labels: new Map(), decimal: '.', thousands: undefined };

describe('toIsoDate', () => {
  it('reads a 12-hour time with AM/PM, as SurveyMonkey writes it', () => {
    expect(toIsoDate('02/01/2026 10:05:09 AM', 'MM/DD/YYYY')).toBe('2026-02-01 10:05:09');
    expect(toIsoDate('02/01/2026 12:30 AM', 'MM/DD/YYYY')).toBe('2026-02-01 00:30');
    expect(toIsoDate('02/01/2026 12:30 PM', 'MM/DD/YYYY')).toBe('2026-02-01 12:30');
    expect(toIsoDate('01.02.2026 1:15 p.m.', 'DD.MM.YYYY')).toBe('2026-02-01 13:15');
    expect(toIsoDate('02/01/2026 13:15 PM', 'MM/DD/YYYY')).toBeNull();
    expect(toIsoDate('02/01/2026 0:15 AM', 'MM/DD/YYYY')).toBeNull();
  });

  it('reads each declared format', () => {
    expect(toIsoDate('31/07/2026', 'DD/MM/YYYY')).toBe('2026-07-31');
    expect(toIsoDate('07/31/2026', 'MM/DD/YYYY')).toBe('2026-07-31');
    expect(toIsoDate('1.7.2026 9:05', 'DD.MM.YYYY')).toBe('2026-07-01 09:05');
    expect(toIsoDate('45123', 'excel')).toBe('2023-07-16');
    expect(toIsoDate('45123.5', 'excel')).toBe('2023-07-16T12:00:00');
    expect(toIsoDate('2026-07-31', 'DD/MM/YYYY')).toBeNull();
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

  it('answer any cell as the parser does, or decline, in a date column (fast equals plain)', () => {
    expect(readsIsoDays(ctx)).toBe(true);
    const kind = { type: 'date' } as const;
    // As in the row loop: a cell the day values decline is parsed, and its value set.
    const dates = new DayValues();
    // Neighbouring days, and days years apart (some share a slot).
    const dayOf = (from: number, k: number) =>
      new Date(Date.UTC(from, 6, 1) + k * 86_400_000).toISOString().slice(0, 10);
    const days = [
      ...Array.from({ length: 60 }, (_, k) => dayOf(2026, k)),
      ...Array.from({ length: 20 }, (_, k) => dayOf(1990 + 3 * k, k)),
    ].flatMap((day) => [day, `${day}T10:00`, `${day.slice(0, -1)}x`]);
    expectFastEqualsPlain(
      cells([...days, '2026-02-29', '2024-02-29', '2026-00-10', '0000-01-01', '9999-12-31']),
      (record) => {
        const value = dates.get(record, 0);
        if (value === SLOW) {
          const parsed = parseCell(record.text(0), kind, ctx);
          if (parsed.ok) dates.set(record, 0, parsed.value);
        }
        return value;
      },
      (text) => parseCell(text, kind, ctx),
    );
  });
});

describe('isoDayNumber', () => {
  it('orders the days of ISO dates and date-times as their texts order', () => {
    const day = fc
      .date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true })
      .chain((d) => fc.constantFrom(d.toISOString().slice(0, 10), d.toISOString().slice(0, 19)));
    fc.assert(
      fc.property(day, day, (a, b) => {
        const byText = Math.sign(a.slice(0, 10).localeCompare(b.slice(0, 10)));
        expect(Math.sign(isoDayNumber(a) - isoDayNumber(b))).toBe(byText);
      }),
    );
    expect(isoDayNumber('2026-07-01T09:30:00')).toBe(20260701);
  });
});
