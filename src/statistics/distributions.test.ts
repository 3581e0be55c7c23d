import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, twoSidedP } from './normal.ts';
import { tCdf, tCritical } from './t-distribution.ts';

// Reference values from scipy.stats (norm.ppf, norm.sf, t.ppf, t.cdf).
describe('normal and t distributions', () => {
  it('normalQuantile(0.975) is scipy norm.ppf(0.975)', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 11);
  });
  it('normalCdf keeps precision in the tails', () => {
    expect(normalCdf(-1.96)).toBeCloseTo(0.024997895148220435, 14);
    expect(twoSidedP(8) / 1.244192114854348e-15).toBeCloseTo(1, 6);
  });
  it('tCritical(0.95, df) is scipy t.ppf(0.975, df)', () => {
    expect(tCritical(0.95, 9)).toBeCloseTo(2.262157162798205, 9);
    expect(tCritical(0.95, 1)).toBeCloseTo(12.706204736174694, 8);
    expect(tCritical(0.95, 249)).toBeCloseTo(1.9695368676403504, 9);
  });
  it('tCdf(1.5, 3) is scipy t.cdf(1.5, 3)', () => {
    expect(tCdf(1.5, 3)).toBeCloseTo(0.8847080673775884, 12);
  });
});
