import { describe, expect, it } from 'vitest';
import type { ReviewFigures } from '../contracts/figures-schema.ts';
import { compareFrozen, keepPublished, suppressedByRule } from './frozen-migration.ts';

/** Just enough of a review's figures for the comparison: one slow-resolution comparison. */
function current(slowN: number): ReviewFigures {
  const a = { k: 10, n: slowN, value: null, lower: null, upper: null };
  const b = { k: 101, n: 157, value: 64.3, lower: 56.6, upper: 71.4 };
  return {
    format: 3,
    minimumBase: { suppress: 30, flag: 100 },
    complaints: {
      slowResolution: { label: ['slow', 'rest'], a, b, delta: null, z: null, p: null },
    },
  } as unknown as ReviewFigures;
}

const published = {
  format: 2,
  complaints: {
    slowResolution: {
      a: { k: 10, n: 16, value: 62.5, lower: 38.6, upper: 81.5 },
      b: { k: 101, n: 157, value: 64.3, lower: 56.6, upper: 71.4 },
      delta: -1.8,
      z: -0.15,
      p: 0.88,
    },
  },
};

describe('migrating a frozen file', () => {
  it('accepts a number published on a base below the minimum as suppressed, and nothing else', () => {
    const now = current(16);
    const { compared, differences } = compareFrozen(published, now);
    expect(compared).toBe(13);
    expect(differences.map((d) => d.path)).toEqual([
      'complaints.slowResolution.a.value',
      'complaints.slowResolution.a.lower',
      'complaints.slowResolution.a.upper',
      'complaints.slowResolution.delta',
      'complaints.slowResolution.z',
      'complaints.slowResolution.p',
    ]);
    expect(differences.every((d) => suppressedByRule(d, now))).toBe(true);
    const migrated = keepPublished(now, differences);
    expect(migrated.complaints!.slowResolution!.a.value).toBeNull();
    // The same null on a base at the minimum is a changed published number: refused.
    const big = current(40);
    const changed = compareFrozen(published, big).differences;
    expect(changed.some((d) => suppressedByRule(d, big))).toBe(false);
    expect(() => keepPublished(big, changed)).toThrow(/keepPublished requires/);
  });
});
