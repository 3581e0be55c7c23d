import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectKthWeighted } from './select-kth.ts';

describe('selectKthWeighted', () => {
  it('returns the k-th smallest value of the list each value repeated by its weight', () => {
    const pairs = fc.array(
      fc.tuple(
        fc.oneof(
          fc.integer({ min: -5, max: 5 }),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
        ),
        fc.integer({ min: 1, max: 4 }),
      ),
      { minLength: 1, maxLength: 150 },
    );
    fc.assert(
      fc.property(pairs, fc.nat(), (list, pick) => {
        const expanded = list.flatMap(([v, w]) => Array.from({ length: w }, () => v));
        const k = pick % expanded.length;
        const expected = Float64Array.from(expanded).sort()[k];
        const selected = selectKthWeighted(
          Float64Array.from(list, ([v]) => v),
          Float64Array.from(list, ([, w]) => w),
          k,
        );
        // Equal as numbers: −0 and 0 are the same value (sorting puts −0 first, selection may not).
        expect(selected === expected, `${selected} vs ${expected}`).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a k outside the total weight', () => {
    expect(() => selectKthWeighted(new Float64Array(2), Float64Array.of(1, 2), 3)).toThrow(
      RangeError,
    );
  });
});
