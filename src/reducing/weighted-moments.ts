/**
 * Mergeable weighted moments of a numeric variable: the sufficient statistics of a mean,
 * its variance and Kish's effective sample size. Unweighted data is the case w = 1.
 */

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
