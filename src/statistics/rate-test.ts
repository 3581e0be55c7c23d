/**
 * Comparison of two Poisson rates (events per unit of exposure, e.g. complaints per 1,000
 * orders) and of two counts with the same exposure.
 *
 * Rates: the conditional (exact) binomial test. Given k = k₁ + k₂ events in all, under equal
 * rates k₁ ~ Binomial(k, n₁/(n₁ + n₂)), whatever the common rate (Przyborowski & Wileński 1940,
 * "Homogeneity of results in testing samples from Poisson series", Biometrika 31). Chosen over
 * the Wald z = (k₁/n₁ − k₂/n₂)/√(k₁/n₁² + k₂/n₂²) because complaint counts are small: the Wald
 * SE is 0 when one count is 0 (any difference then looks infinitely significant) and it is
 * anti-conservative for a few events, while the conditional test holds its level at any count.
 * The E-test (Krishnamoorthy & Thomson 2004, scipy.stats.poisson_means_test) is more powerful
 * for small counts but needs a double series; the conditional test is the standard exact one.
 */
import { twoSidedP } from './normal.ts';

/** Two rates, their difference, and the two-sided p-value of the test. */
export interface RateComparison {
  /** k₁/n₁. */
  rate1: number;
  /** k₂/n₂. */
  rate2: number;
  /** rate1 − rate2. */
  difference: number;
  /** Two-sided p-value. */
  p: number;
}

/** Relative tolerance for "as likely as the observed count", as scipy's binomtest and R use. */
const RELATIVE_ERROR = 1 + 1e-7;

/**
 * Visits j = 0…trials with weights proportional to the Binomial(trials, π) pmf,
 * π = n₁/(n₁ + n₂), walking out of the mode with the ratio of consecutive terms (no factorials,
 * so no overflow at any size) and stopping where the weights underflow. The odds π/(1 − π) are
 * taken as n₁/n₂ and n₂/n₁, not through 1 − π, which loses digits when one exposure dwarfs the
 * other. Returns the sum of the weights visited.
 */
function walkBinomial(
  trials: number,
  n1: number,
  n2: number,
  visit: (j: number, w: number) => void,
): number {
  const odds = n1 / n2;
  const inverseOdds = n2 / n1;
  const mode = Math.min(trials, Math.floor((trials + 1) * (n1 / (n1 + n2))));
  let total = 1;
  visit(mode, 1);
  for (let j = mode + 1, w = 1; j <= trials; j++) {
    w *= ((trials - j + 1) / j) * odds;
    if (w === 0) break;
    total += w;
    visit(j, w);
  }
  for (let j = mode - 1, w = 1; j >= 0; j--) {
    w *= ((j + 1) / (trials - j)) * inverseOdds;
    if (w === 0) break;
    total += w;
    visit(j, w);
  }
  return total;
}

function checkCount(k: number, caller: string): void {
  if (!(Number.isInteger(k) && k >= 0)) throw new Error(`${caller} requires whole counts k ≥ 0`);
}

/**
 * Conditional binomial test of two Poisson rates k₁/n₁ and k₂/n₂ (events over exposure).
 *
 * Conditional on k = k₁ + k₂, k₁ ~ Binomial(k, π), π = n₁/(n₁ + n₂), under equal rates; the
 * two-sided p-value sums the probabilities of all outcomes no more likely than k₁ (the
 * "minlike" rule of scipy.stats.binomtest and R's binom.test, with their relative tolerance
 * 1e-7 for ties). With no events at all (k = 0) there is no evidence of a difference: p = 1.
 *
 * Reference: Przyborowski & Wileński (1940), Biometrika 31; Lehmann & Romano (2005), Testing
 * Statistical Hypotheses, §4.5.
 *
 * @param k1 events in the first group (a whole number ≥ 0)
 * @param n1 exposure of the first group (> 0, e.g. orders)
 * @param k2 events in the second group
 * @param n2 exposure of the second group
 * @returns both rates, their difference and the two-sided p
 * @throws "rateDifferenceTest requires whole counts k ≥ 0"
 * @throws "rateDifferenceTest requires exposure n > 0"
 * @example rateDifferenceTest(12, 4000, 25, 4200)
 * // { rate1: 0.003, rate2: 0.005952, difference: -0.002952, p: 0.049441 }
 */
export function rateDifferenceTest(k1: number, n1: number, k2: number, n2: number): RateComparison {
  checkCount(k1, 'rateDifferenceTest');
  checkCount(k2, 'rateDifferenceTest');
  if (!(n1 > 0 && n2 > 0 && Number.isFinite(n1) && Number.isFinite(n2))) {
    throw new Error('rateDifferenceTest requires exposure n > 0');
  }
  const rate1 = k1 / n1;
  const rate2 = k2 / n2;
  const trials = k1 + k2;
  let p = 1;
  if (trials > 0) {
    let observed = 0;
    walkBinomial(trials, n1, n2, (j, w) => {
      if (j === k1) observed = w;
    });
    const threshold = observed * RELATIVE_ERROR;
    let asExtreme = 0;
    const total = walkBinomial(trials, n1, n2, (_, w) => {
      if (w <= threshold) asExtreme += w;
    });
    p = Math.min(1, asExtreme / total);
  }
  return { rate1, rate2, difference: rate1 - rate2, p };
}

/**
 * z-test of two Poisson counts with the same exposure (e.g. complaints this month and last):
 * z = (c₁ − c₂)/√(c₁ + c₂), p two-sided from the normal. Conditional on c₁ + c₂, c₁ is
 * Binomial(c₁ + c₂, ½) under equal means (Przyborowski & Wileński 1940); this is that
 * binomial's normal approximation without continuity correction (the score test). Use
 * rateDifferenceTest for a few events or unequal exposure.
 *
 * @param c1 the first count (≥ 0)
 * @param c2 the second count (≥ 0)
 * @returns difference c₁ − c₂, the z statistic and its two-sided p
 * @throws "countChangeTest requires counts ≥ 0"
 * @throws "countChangeTest requires c1 + c2 > 0"
 * @example countChangeTest(130, 100) // { difference: 30, z: 1.978141, p: 0.047913 }
 */
export function countChangeTest(
  c1: number,
  c2: number,
): { difference: number; z: number; p: number } {
  if (!(c1 >= 0 && c2 >= 0 && Number.isFinite(c1) && Number.isFinite(c2))) {
    throw new Error('countChangeTest requires counts ≥ 0');
  }
  if (!(c1 + c2 > 0)) throw new Error('countChangeTest requires c1 + c2 > 0');
  const difference = c1 - c2;
  const z = difference / Math.sqrt(c1 + c2);
  return { difference, z, p: twoSidedP(z) };
}
