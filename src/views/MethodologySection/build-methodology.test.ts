import { describe, expect, it } from 'vitest';
import type { ReviewFigures } from '../../contracts/figures-schema.ts';
import { warningGroups, warningLine } from './build-methodology.ts';

type Warning = ReviewFigures['warnings'][number];

const warning = (id: string, row: number): Warning => ({
  id,
  level: 'warning',
  file: 'data/2026-Q3/orders.csv',
  row,
  column: 'Order',
  value: `O${row}`,
  message: 'order id already used',
  hint: 'remove the copy',
});

describe('warningGroups', () => {
  it('groups warnings by kind, largest first, each capped with the count of the rest', () => {
    const warnings = [
      warning('lookup-miss', 1),
      ...Array.from({ length: 25 }, (_, i) => warning('duplicate-id', i + 2)),
      warning('date-outside-period', 40),
      warning('lookup-miss', 41),
    ];
    const groups = warningGroups(warnings, 10);
    expect(groups.map((g) => [g.id, g.count, g.lines.length, g.more])).toEqual([
      ['duplicate-id', 25, 10, 15],
      ['lookup-miss', 2, 2, 0],
      ['date-outside-period', 1, 1, 0],
    ]);
    expect(groups[0]!.title).toBe('Duplicate id');
    // The first ones raised are the ones listed.
    expect(groups[0]!.lines[0]).toBe(warningLine(warnings[1]!));
    // Every warning is counted once.
    expect(groups.reduce((n, g) => n + g.lines.length + g.more, 0)).toBe(warnings.length);
  });

  it('counts the warnings a kept one stands for (the reader keeps a hundred of a kind)', () => {
    const warnings = [warning('lookup-miss', 1), { ...warning('lookup-miss', 2), more: 498 }];
    const [group] = warningGroups(warnings, 1);
    expect([group!.count, group!.lines.length, group!.more]).toEqual([500, 1, 499]);
  });

  it('writes a warning located, with its value, what is wrong and what to do', () => {
    expect(warningLine(warning('duplicate-id', 7))).toBe(
      'data/2026-Q3/orders.csv:7:Order — order id already used (“O7”) — remove the copy',
    );
    const unlocated: Warning = {
      ...warning('low-response-rate', 1),
      row: undefined,
      value: undefined,
    };
    expect(warningLine(unlocated)).toBe(
      'data/2026-Q3/orders.csv:Order — order id already used — remove the copy',
    );
  });
});
