import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AXIS_PADDING, valueAxis } from './chart-axis.ts';

describe('valueAxis(values, range)', () => {
  it('spans what is drawn plus a tenth of it on each side', () => {
    const axis = valueAxis([60, 70], [0, 100]);
    expect(axis.min).toBeCloseTo(60 - 10 * AXIS_PADDING, 9);
    expect(axis.max).toBeCloseTo(70 + 10 * AXIS_PADDING, 9);
    expect(axis.ticks).toEqual([60, 62, 64, 66, 68, 70]);
  });

  it('pads in proportion to the data, so a small real drop keeps its slope', () => {
    // A CES mean falling from 5.55 to 5.33 on its 1–7 scale: a fixed padding of 2 would draw
    // it on 3.3–7.0 (a 6% fall of the axis); one padding rule keeps it over most of the height.
    const axis = valueAxis([5.55, 5.33, 5.44, 5.65, 5.22], [1, 7]);
    expect((5.55 - 5.33) / (axis.max - axis.min)).toBeGreaterThan(0.4);
  });

  it('never leaves the declared scale: a 1–5 item stays on a 1–5 axis', () => {
    const axis = valueAxis([4.7, 5], [1, 5]);
    expect(axis.max).toBe(5);
    expect(axis.min).toBeGreaterThanOrEqual(1);
    expect(Math.max(...axis.ticks)).toBeLessThanOrEqual(5);
    expect(valueAxis([1, 1.2, 5], [1, 5])).toMatchObject({ min: 1, max: 5 });
  });

  it('gives at least four round ticks, written without float noise, and skips nulls', () => {
    const axis = valueAxis([0.1, null, 0.3], null);
    expect(axis.ticks.length).toBeGreaterThanOrEqual(4);
    for (const t of axis.ticks) expect(String(t)).toMatch(/^-?\d+(\.\d{1,2})?$/);
  });

  it('draws values outside the declared range rather than losing its axis', () => {
    // Means of a 1–7 scale given a 1–5 metric's range (a measure that changed across a period
    // that did not ask the question) once left no axis at all, and the tick search never ended.
    const axis = valueAxis([5.22, 5.55, 5.08], [1, 5]);
    expect(axis.min).toBeLessThanOrEqual(5.08);
    expect(axis.max).toBeGreaterThanOrEqual(5.55);
    expect(axis.ticks.length).toBeGreaterThanOrEqual(4);
    expect(valueAxis([-3, -2], [0, 100]).min).toBeLessThanOrEqual(-3);
  });

  it('is an interval with at least four ticks inside it that holds every value, for any input', () => {
    const value = fc.oneof(
      fc.constant(null),
      fc.double({ min: -1e9, max: 1e9, noNaN: true }),
      fc.integer({ min: -10, max: 10 }),
    );
    const range = fc.oneof(
      fc.constant(null),
      fc
        .tuple(fc.integer({ min: -100, max: 100 }), fc.integer({ min: 0, max: 1000 }))
        .map(([from, width]): [number, number] => [from, from + width]),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 12 }), range, (values, bounds) => {
        const axis = valueAxis(values, bounds);
        expect(axis.max).toBeGreaterThan(axis.min);
        for (const v of values) if (v !== null) expect(v >= axis.min && v <= axis.max).toBe(true);
        expect(axis.ticks.length).toBeGreaterThanOrEqual(4);
        expect(axis.ticks).toEqual([...axis.ticks].sort((a, b) => a - b));
        // Ticks may sit up to 1e-9 past an end (ticksOf's tolerance for float steps).
        const slack = 1e-9 + (axis.max - axis.min) * 1e-9;
        for (const t of axis.ticks)
          expect(t >= axis.min - slack && t <= axis.max + slack).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('draws a flat series around its value', () => {
    const axis = valueAxis([50, 50], [0, 100]);
    expect(axis.min).toBeLessThan(50);
    expect(axis.max).toBeGreaterThan(50);
  });
});
