import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addToHistogram, createHistogram } from './histogram.ts';

describe('addToHistogram', () => {
  it('counts each answer at its scale point, a construct mean at its step, and missing apart', () => {
    const h = createHistogram(1, 5);
    for (const v of [1, 5, 5, undefined, 3]) addToHistogram(h, v);
    expect(h.counts).toEqual([1, 0, 1, 0, 2]);
    expect([h.n, h.missing]).toEqual([4, 1]);
    const construct = createHistogram(1, 5, 3); // mean of three 1–5 answers
    addToHistogram(construct, (4 + 4 + 5) / 3);
    expect(construct.counts.indexOf(1)).toBe(10); // (13/3 − 1) × 3
  });

  it('refuses a value off the scale or between its steps rather than counting it elsewhere', () => {
    const h = createHistogram(1, 5);
    for (const bad of [0, 6, 3.5, -1, 2 ** 32 + 3, Number.NaN])
      expect(() => addToHistogram(h, bad)).toThrow(/requires a value between 1 and 5/);
    expect(h.n).toBe(0);
  });

  it('places every whole or stepped value exactly where rounding the scaled value would', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 50 }),
        (steps, points) => {
          const h = createHistogram(0, 10, steps);
          const expected = new Array<number>(10 * steps + 1).fill(0);
          for (const p of points) {
            const at = p % (10 * steps + 1);
            addToHistogram(h, at / steps);
            expected[Math.round((at / steps) * steps)]! += 1;
          }
          expect(h.counts).toEqual(expected);
        },
      ),
    );
  });
});
