import { describe, expect, it } from 'vitest';
import { addMoment, createMoments, exactSum } from './weighted-moments.ts';

describe('exactSum', () => {
  it('rounds the exact sum once', () => {
    // 0.1 is 0.1000000000000000055511…; a million of it is 100000.0000000000055…, whose
    // nearest double is 100000 (one at a time, the sum drifts to 100000.0000013329).
    expect(exactSum([[0.1, 1_000_000]])).toBe(100_000);
    // 2^53 + 1 is no double: added one by one, each 1 is lost; together they count.
    expect(
      exactSum([
        [2 ** 53, 1],
        [1, 2],
        [0, 5],
      ]),
    ).toBe(2 ** 53 + 2);
    expect(
      exactSum([
        [1e300, 1],
        [-1e300, 1],
        [1e-300, 3],
      ]),
    ).toBe(3e-300);
    expect(exactSum([])).toBe(0);
  });
});

describe('addMoment', () => {
  it('sums x and x² as if rounded once, however many terms', () => {
    const values = Array.from({ length: 200_000 }, (_, i) => (100 * ((i * 7919) % 13)) / 12 / 3);
    const state = createMoments();
    let naive = 0;
    for (const v of values) {
      addMoment(state, v);
      naive += v;
    }
    const exactly = (xs: number[]) => exactSum(xs.map((x) => [x, 1] as const));
    expect(state.n).toBe(values.length);
    expect(state.sumWX).toBe(exactly(values));
    expect(state.sumWX2).toBe(exactly(values.map((v) => v * v)));
    // The terms are such that a sum rounded at each step drifts: the test can tell.
    expect(naive).not.toBe(exactly(values));
  });
});
