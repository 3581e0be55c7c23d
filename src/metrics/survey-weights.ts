/**
 * Weights for the survey cells of a snapshot, as the manifest asks: none, post-stratification
 * on one dimension, or raking on several. Returns the per-cell weight function used by every
 * survey metric and a summary for the methodology section.
 */
import type { Manifest } from '../schemas/manifest-schema.ts';
import type { Diagnostic } from '../loaders/diagnostics.ts';
import type { WeightingSummary } from './snapshot-figures.ts';
import type { SurveyCell, SurveyState } from './survey-state.ts';

export interface SurveyWeights {
  weightOf: (cell: SurveyCell) => number;
  summary: WeightingSummary;
  diagnostics: Diagnostic[];
}

/** Unweighted: every response counts once. */
export function surveyWeights(state: SurveyState, _manifest: Manifest): SurveyWeights {
  let n = 0;
  for (const cell of state.cells.values()) n += cell.responses;
  return {
    weightOf: () => 1,
    summary: { method: 'none', dimensions: [], nEffective: n, efficiency: 1, maxWeightRatio: 1 },
    diagnostics: [],
  };
}
