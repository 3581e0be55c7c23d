import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reference } from '../../test/oracles.ts';
import { benjaminiHochberg, holm } from './p-adjust.ts';

describe('p-adjust', () => {
  it('holm(p) matches statsmodels multipletests(method="holm")', () => {
    const { p, holm: expected } = reference.multiple_comparisons;
    holm(p).forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 12));
  });

  it('benjaminiHochberg(p) matches statsmodels multipletests(method="fdr_bh")', () => {
    const { p, bh } = reference.multiple_comparisons;
    benjaminiHochberg(p).forEach((value, i) => expect(value).toBeCloseTo(bh[i]!, 12));
  });

  it('adjusted p-values are never below the raw ones, never above 1, and keep the order of the input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (p) => {
          for (const adjust of [holm, benjaminiHochberg]) {
            const a = adjust(p);
            for (let i = 0; i < p.length; i++) {
              if (a[i]! < p[i]! - 1e-15 || a[i]! > 1) return false;
              for (let j = 0; j < p.length; j++)
                if (p[i]! < p[j]! && a[i]! > a[j]! + 1e-15) return false;
            }
          }
          return true;
        },
      ),
    );
  });

  it('holm rejects p-values outside [0, 1]', () => {
    expect(() => holm([0.5, 1.2])).toThrow('holm requires p-values between 0 and 1');
  });
});
