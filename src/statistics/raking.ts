/**
 * Survey weights by post-stratification (one dimension) or raking — iterative proportional
 * fitting, Deming & Stephan (1940) — on several dimensions, to population counts.
 *
 * Weights depend only on a respondent's cell (the combination of its levels on the weighting
 * dimensions), so the input is the response count per cell and the output a weight per cell:
 * memory grows with cells, never with rows. Weights are scaled to sum to the population total,
 * as R's survey::rake and survey::postStratify do. Respondents missing a weighting dimension get
 * the mean weight (population / responses) and are left out of the fitting.
 */

export interface WeightingCell {
  /** Level per weighting dimension; undefined when the response has none. */
  levels: Record<string, string | undefined>;
  /** Responses in the cell. */
  n: number;
}

export interface RakingResult {
  /** Weight per response, one per input cell (same order). */
  weights: number[];
  iterations: number;
  /** Largest relative gap between a weighted margin and its population count at the end. */
  maxMarginError: number;
  converged: boolean;
  /** Population levels with no responses: dropped from the targets (their count is lost). */
  emptyLevels: Array<{ dimension: string; level: string }>;
}

export interface RakingOptions {
  maxIterations?: number;
  /** Stop when every margin is within this relative error. */
  tolerance?: number;
}

/**
 * @param cells response counts per cell
 * @param targets dimension → level → population count
 * @throws "rake requires population counts for level X of D" when a responding level has no target
 * @example rake([{ levels: { seg: 'A' }, n: 10 }, { levels: { seg: 'B' }, n: 30 }], { seg: { A: 50, B: 50 } }).weights // [5, 1.6667]
 */
export function rake(
  cells: readonly WeightingCell[],
  targets: Record<string, Record<string, number>>,
  options: RakingOptions = {},
): RakingResult {
  const { maxIterations = 100, tolerance = 1e-10 } = options;
  const dimensions = Object.keys(targets);
  if (dimensions.length === 0) throw new Error('rake requires at least one dimension');
  const complete = cells.map((c) => dimensions.every((d) => c.levels[d] !== undefined));
  const emptyLevels: RakingResult['emptyLevels'] = [];
  const goals: Record<string, Map<string, number>> = {};
  for (const d of dimensions) {
    const responding = new Set(
      cells.filter((c, i) => complete[i] && c.n > 0).map((c) => c.levels[d]!),
    );
    for (const level of responding) {
      if (targets[d]![level] === undefined) {
        throw new Error(`rake requires population counts for level ${level} of ${d}`);
      }
    }
    goals[d] = new Map();
    for (const [level, count] of Object.entries(targets[d]!)) {
      if (responding.has(level)) goals[d]!.set(level, count);
      else if (count > 0) emptyLevels.push({ dimension: d, level });
    }
  }
  // Dropping an empty level leaves dimensions with different totals; rescale each to the first.
  const totalOf = (d: string) => [...goals[d]!.values()].reduce((a, b) => a + b, 0);
  const population = totalOf(dimensions[0]!);
  for (const d of dimensions.slice(1)) {
    const factor = population / totalOf(d);
    for (const [level, count] of goals[d]!) goals[d]!.set(level, count * factor);
  }
  const responses = cells.reduce((sum, c) => sum + c.n, 0);
  const start = responses > 0 ? population / responses : 1;
  const weights = cells.map(() => start);

  /** The weighted count of each level of a dimension over the complete cells. */
  const margin = (d: string) => {
    const sums = new Map<string, number>();
    cells.forEach((c, i) => {
      if (!complete[i]) return;
      const level = c.levels[d]!;
      sums.set(level, (sums.get(level) ?? 0) + c.n * weights[i]!);
    });
    return sums;
  };
  const marginError = () => {
    let worst = 0;
    for (const d of dimensions) {
      const sums = margin(d);
      for (const [level, goal] of goals[d]!) {
        worst = Math.max(worst, Math.abs((sums.get(level) ?? 0) - goal) / goal);
      }
    }
    return worst;
  };

  let iterations = 0;
  let error = marginError();
  while (error > tolerance && iterations < maxIterations) {
    iterations += 1;
    for (const d of dimensions) {
      const sums = margin(d);
      cells.forEach((c, i) => {
        if (!complete[i]) return;
        const level = c.levels[d]!;
        const sum = sums.get(level)!;
        if (sum > 0) weights[i] = (weights[i]! * goals[d]!.get(level)!) / sum;
      });
    }
    error = marginError();
  }
  return { weights, iterations, maxMarginError: error, converged: error <= tolerance, emptyLevels };
}

/**
 * Kish's effective sample size of weighted cells, (Σ n·w)² / Σ n·w².
 * Reference: Kish (1965), Survey Sampling.
 * @example kishEffectiveN([1, 1, 2, 0.5, 3, 1.5]) // 4.628571
 */
export function kishEffectiveN(weights: readonly number[], counts?: readonly number[]): number {
  let sum = 0;
  let sumSquares = 0;
  weights.forEach((w, i) => {
    const n = counts?.[i] ?? 1;
    sum += n * w;
    sumSquares += n * w * w;
  });
  return sumSquares > 0 ? (sum * sum) / sumSquares : 0;
}
