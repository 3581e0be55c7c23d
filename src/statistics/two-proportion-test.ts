/**
 * The pooled two-proportion z-test (e.g. Agresti 2013, Categorical Data Analysis, §3.1.3):
 * z = (p₁ − p₂) / √(p̂(1 − p̂)(1/n₁ + 1/n₂)) with p̂ the pooled share; two-sided normal p.
 */
import { twoSidedP } from './normal.ts';

/**
 * Pooled two-proportion z-test.
 * @example twoProportionTest(412, 600, 380, 610) // { z: 2.3304, p: 0.01979 }
 */
export function twoProportionTest(
  k1: number,
  n1: number,
  k2: number,
  n2: number,
): { z: number; p: number } {
  if (!(n1 > 0 && n2 > 0)) throw new Error('twoProportionTest requires n1 > 0 and n2 > 0');
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, p: 1 };
  const z = (k1 / n1 - k2 / n2) / se;
  return { z, p: twoSidedP(z) };
}
