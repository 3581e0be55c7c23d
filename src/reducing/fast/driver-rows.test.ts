import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDriverRow, createDriverState } from '../driver-state.ts';
import { addDriverValues, addDriverValuesToBoth } from './driver-rows.ts';

describe('driver rows (fast) against addDriverRow (plain)', () => {
  it('adding positional answers to both outcomes at once, or to one, equals adding each named row', () => {
    // Drivers at positions 0–2, the outcomes at 3 and 4; NaN is a missing answer.
    const answer = fc.oneof(
      fc.constant(NaN),
      fc.integer({ min: 0, max: 10 }),
      fc.double({ min: -5, max: 5, noNaN: true }),
    );
    const responses = fc.array(
      fc.tuple(fc.array(answer, { minLength: 5, maxLength: 5 }), fc.constantFrom(1, 0.5, 2.25)),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(responses, (rows) => {
        const drivers = ['a', 'b', 'c'];
        const atA = Int32Array.from([0, 1, 2, 3]);
        const atB = Int32Array.from([0, 1, 2, 4]);
        const scratch = new Float64Array(5);
        const [both1, both2, one1, one2, plain1, plain2] = [
          createDriverState(drivers, 'y'),
          createDriverState(drivers, 'z'),
          createDriverState(drivers, 'y'),
          createDriverState(drivers, 'z'),
          createDriverState(drivers, 'y'),
          createDriverState(drivers, 'z'),
        ];
        for (const [values, w] of rows) {
          const answers = Float64Array.from(values);
          addDriverValuesToBoth(both1, both2, answers, atA, atB, scratch, w);
          addDriverValues(one1, answers, atA, scratch, w);
          addDriverValues(one2, answers, atB, scratch, w);
          const named = (v: number) => (Number.isNaN(v) ? undefined : v);
          const [a, b, c, y, z] = values.map(named);
          addDriverRow(plain1, { a, b, c, y }, w);
          addDriverRow(plain2, { a, b, c, z }, w);
        }
        // The same operations in the same order: identical sums, not just close ones.
        expect(both1).toEqual(plain1);
        expect(both2).toEqual(plain2);
        expect(one1).toEqual(plain1);
        expect(one2).toEqual(plain2);
      }),
      { numRuns: 300 },
    );
  });
});
