/**
 * Mergeable weighted moments of a numeric variable: the sufficient statistics of a mean,
 * its variance and Kish's effective sample size. Unweighted data is the case w = 1.
 */
import { tCritical } from '../statistics/t-distribution.ts';

export interface MomentsState {
  /** Observations (raw count). */
  n: number;
  sumW: number;
  sumW2: number;
  sumWX: number;
  sumWX2: number;
}

/** An empty moments state. */
export function createMoments(): MomentsState {
  return { n: 0, sumW: 0, sumW2: 0, sumWX: 0, sumWX2: 0 };
}

/** Adds one observation x with weight w (mutates and returns the state). */
export function addMoment(state: MomentsState, x: number, w = 1): MomentsState {
  state.n += 1;
  state.sumW += w;
  state.sumW2 += w * w;
  state.sumWX += w * x;
  state.sumWX2 += w * x * x;
  return state;
}

/** Combines two states exactly: merge(a, b) equals one pass over both inputs. */
export function mergeMoments(a: MomentsState, b: MomentsState): MomentsState {
  return {
    n: a.n + b.n,
    sumW: a.sumW + b.sumW,
    sumW2: a.sumW2 + b.sumW2,
    sumWX: a.sumWX + b.sumWX,
    sumWX2: a.sumWX2 + b.sumWX2,
  };
}

/**
 * Gives every observation of a state the weight w. Valid when the state holds unweighted
 * observations of one weighting cell, which is how weighting is applied (weights are per cell).
 */
export function scaleMoments(state: MomentsState, w: number): MomentsState {
  return {
    n: state.n,
    sumW: state.sumW * w,
    sumW2: state.sumW2 * w * w,
    sumWX: state.sumWX * w,
    sumWX2: state.sumWX2 * w,
  };
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
export function meanInterval(state: MomentsState, confidence = 0.95): MeanInterval | null {
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
