import { describe, expect, it } from 'vitest';
import { parseNumber, toIsoDate } from './cell-parsers.ts';

describe('cell parsers', () => {
  it.each([
    ['12', '.', undefined, 12],
    ['1,234.50', '.', ',', 1234.5],
    ['1.234,50', ',', '.', 1234.5],
    ['1 234,5', ',', ' ', 1234.5],
    ["1'234.5", '.', "'", 1234.5],
    ['3,5', ',', undefined, 3.5],
    ['-0.25', '.', undefined, -0.25],
  ] as const)(
    'parseNumber(%s) with decimal %s and thousands %s is %s',
    (raw, decimal, thousands, expected) => {
      expect(parseNumber(raw, decimal, thousands)).toBe(expected);
    },
  );

  it.each([
    ['1,23', '.', ','],
    ['12a', '.', undefined],
    ['', '.', undefined],
    ['1.2.3', '.', undefined],
  ] as const)('parseNumber(%s) is not a number', (raw, decimal, thousands) => {
    expect(parseNumber(raw, decimal, thousands)).toBeNull();
  });

  it('toIsoDate reads each declared format', () => {
    expect(toIsoDate('31/07/2026', 'DD/MM/YYYY')).toBe('2026-07-31');
    expect(toIsoDate('07/31/2026', 'MM/DD/YYYY')).toBe('2026-07-31');
    expect(toIsoDate('1.7.2026 9:05', 'DD.MM.YYYY')).toBe('2026-07-01 09:05');
    expect(toIsoDate('45123', 'excel')).toBe('2023-07-16');
    expect(toIsoDate('45123.5', 'excel')).toBe('2023-07-16T12:00:00');
    expect(toIsoDate('2026-07-31', 'DD/MM/YYYY')).toBeNull();
  });
});
