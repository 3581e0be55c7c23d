import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectKth } from './select-kth.ts';

describe('selectKth', () => {
  it('returns the k-th smallest value, as sorting would, for any values and k', () => {
    const values = fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true })), {
      minLength: 1,
      maxLength: 200,
    });
    fc.assert(
      fc.property(values, fc.nat(), (list, pick) => {
        const k = pick % list.length;
        const sorted = Float64Array.from(list).sort();
        const selected = selectKth(Float64Array.from(list), k);
        // Equal as numbers: −0 and 0 are the same value (sorting puts −0 first, selection may not).
        expect(selected === sorted[k], `${selected} vs ${sorted[k]}`).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a k outside the values', () => {
    expect(() => selectKth(new Float64Array(3), 3)).toThrow(RangeError);
  });
});
