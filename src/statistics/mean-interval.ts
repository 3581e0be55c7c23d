/**
 * The weighted mean with its t interval, from weighted moments (n, Σw, Σw², Σwx, Σwx²): the
 * variance is corrected with Kish's effective sample size n_eff = (Σw)²/Σw² (Kish 1965,
 * Survey Sampling), so an unweighted sample gives the usual s/√n.
 */
import { tCritical } from './t-distribution.ts';

/** Weighted moments of a sample (the moments reducer's shape). */
export interface Moments {
  n: number;
  sumW: number;
  sumW2: number;
  sumWX: number;
  sumWX2: number;
}

/** Kish effective sample size (Σw)²/Σw²; equals n when unweighted. */
export function effectiveN(state: { sumW: number; sumW2: number }): number {
  return state.sumW2 > 0 ? (state.sumW * state.sumW) / state.sumW2 : 0;
}

export interface MeanInterval {
  mean: number;
  se: number;
  lower: number;
  upper: number;
  /** Effective n the SE and interval use. */
  nEffective: number;
}

/**
 * Weighted mean with a t interval. Variance is the weighted population variance corrected by
 * n_eff/(n_eff − 1); SE = sd/√n_eff and df = n_eff − 1, which reduce to the textbook
 * s/√n and n − 1 when all weights are 1.
 *
 * @returns null when there are no observations; interval of zero width when n_eff ≤ 1
 * @example meanInterval(state of [1,2,3,4]) // { mean: 2.5, se: 0.6455, lower: 0.4457, upper: 4.5543 }
 */
export function meanInterval(state: Moments, confidence = 0.95): MeanInterval | null {
  if (state.n === 0 || state.sumW <= 0) return null;
  const mean = state.sumWX / state.sumW;
  const nEffective = effectiveN(state);
  if (nEffective <= 1) return { mean, se: 0, lower: mean, upper: mean, nEffective };
  const populationVariance = Math.max(0, state.sumWX2 / state.sumW - mean * mean);
  const variance = (populationVariance * nEffective) / (nEffective - 1);
  const se = Math.sqrt(variance / nEffective);
  const t = tCritical(confidence, nEffective - 1);
  return { mean, se, lower: mean - t * se, upper: mean + t * se, nEffective };
}
