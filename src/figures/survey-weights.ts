/**
 * Weights for the survey cells of a snapshot, as the manifest asks: none, post-stratification
 * on one dimension, or raking on several (statistics/raking.ts). Returns the per-cell weight
 * used by every survey metric and a summary for the methodology section. Standard errors then
 * use Kish's effective n: sqrt(p(1−p)/n_eff) for shares. Against R's survey package (which
 * linearises the calibration) this differs by about 1% on the reference data (test/fixtures/
 * oracles/weighting): 1.1% above for post-stratification, 1.0% below for raking.
 */
import { diagnostic, type Diagnostic } from '../reading/diagnostics.ts';
import type { Manifest } from '../contracts/manifest-schema.ts';
import { kishEffectiveN, rake } from '../statistics/raking.ts';
import type { ReviewFigures } from '../contracts/figures-schema.ts';
import type { SurveyCell, SurveyState } from '../reducing/survey-state.ts';

export type WeightingSummary = ReviewFigures['weighting'];

export interface SurveyWeights {
  weightOf: (cell: SurveyCell) => number;
  summary: WeightingSummary;
  diagnostics: Diagnostic[];
}

function unweighted(n: number): SurveyWeights {
  return {
    weightOf: () => 1,
    summary: { method: 'none', dimensions: [], nEffective: n, efficiency: 1, maxWeightRatio: 1 },
    diagnostics: [],
  };
}

/** Weights per the manifest's `weighting`; unweighted when it asks for none. */
/**
 * @param file the manifest's path as diagnostics show it
 */
export function surveyWeights(state: SurveyState, manifest: Manifest, file: string): SurveyWeights {
  const cells = [...state.cells.values()];
  const n = cells.reduce((sum, c) => sum + c.responses, 0);
  const weighting = manifest.weighting;
  if (!weighting || weighting.method === 'none' || n === 0) return unweighted(n);
  const dimensions = weighting.dimensions;
  const targets: Record<string, Record<string, number>> = {};
  for (const d of dimensions) {
    targets[d] = {};
    for (const [level, plan] of Object.entries(manifest.segments[d]?.levels ?? {})) {
      if (plan.population !== undefined) targets[d]![level] = plan.population;
    }
  }
  const result = rake(
    cells.map((c) => ({ levels: c.levels, n: c.responses })),
    targets,
  );
  const byCell = new Map(cells.map((c, i) => [c, result.weights[i]!]));
  const counts = cells.map((c) => c.responses);
  const nEffective = kishEffectiveN(result.weights, counts);
  const mean = result.weights.reduce((s, w, i) => s + w * counts[i]!, 0) / n;
  const diagnostics: Diagnostic[] = result.emptyLevels.map(({ dimension, level }) =>
    diagnostic('weighting-level-empty', {
      file,
      column: `segments.${dimension}.levels.${level}`,
      message: `no responses from "${level}", so weighting cannot represent it; the other levels are weighted to the full population`,
      hint: 'invite this group next period, or remove it from the weighting dimensions',
    }),
  );
  if (!result.converged) {
    diagnostics.push(
      diagnostic('weighting-not-converged', {
        file,
        column: 'weighting',
        message: `raking did not converge in ${result.iterations} iterations (largest margin error ${(100 * result.maxMarginError).toFixed(2)}%)`,
        hint: 'check for empty combinations of levels, or weight on fewer dimensions',
      }),
    );
  }
  return {
    weightOf: (cell) => byCell.get(cell) ?? mean,
    summary: {
      method: weighting.method,
      dimensions,
      nEffective,
      efficiency: nEffective / n,
      // A loop, not Math.max(...weights): a spread of one argument per cell overflows the stack.
      maxWeightRatio: result.weights.reduce((max, w) => Math.max(max, w), -Infinity) / mean,
    },
    diagnostics,
  };
}
