/**
 * Every survey metric of a snapshot: overall, by segment level, and each level against the rest
 * of the sample, with the p-values adjusted across the levels of each dimension.
 */
import { SIGNIFICANCE_LEVEL } from '../metrics/significance.ts';
import type { Adjustment } from '../contracts/fields.ts';
import type { MetricFigures, SegmentFigure } from '../contracts/figures-schema.ts';
import type { Questionnaire } from '../contracts/questionnaire.ts';
import { compareEstimates } from '../metrics/change.ts';
import type { MinimumBase } from '../metrics/estimate.ts';
import type { SnapshotMetric } from '../metrics/registry/index.ts';
import { poolCells, type SurveyCell, type SurveyState } from '../reducing/survey-state.ts';
import { ADJUST } from './adjust.ts';

export interface SurveyFiguresOptions {
  questionnaire: Questionnaire;
  rule: MinimumBase;
  /** Declared levels per dimension, in display order. */
  levels: Record<string, readonly string[]>;
  /** Weight of each response in a cell (1 when unweighted). */
  weightOf?: (cell: SurveyCell) => number;
  adjustment?: Adjustment;
  alpha?: number;
}

/** The figures of each survey metric, by id (changes against the previous period come later). */
export function surveyFigures(
  state: SurveyState,
  metrics: readonly SnapshotMetric[],
  options: SurveyFiguresOptions,
): Record<string, MetricFigures> {
  const {
    questionnaire,
    rule,
    levels,
    weightOf,
    adjustment = 'holm',
    alpha = SIGNIFICANCE_LEVEL,
  } = options;
  const slice = (cell: SurveyCell | null) => ({ cell, questionnaire, rule });
  const all = slice(poolCells(state, () => true, weightOf));
  // Pool each level and its complement once; every metric reads the same pooled cells.
  const pooled = Object.entries(levels).map(([dimension, dimensionLevels]) => ({
    dimension,
    groups: dimensionLevels.map((level) => ({
      level,
      inLevel: slice(poolCells(state, (c) => c.levels[dimension] === level, weightOf)),
      rest: slice(
        poolCells(
          state,
          (c) => c.levels[dimension] !== undefined && c.levels[dimension] !== level,
          weightOf,
        ),
      ),
    })),
  }));
  const result: Record<string, MetricFigures> = {};
  for (const { instance, info } of metrics) {
    if (instance.scope !== 'survey') continue;
    const segments: MetricFigures['segments'] = {};
    for (const { dimension, groups } of pooled) {
      const raw = groups.map(({ level, inLevel, rest }) => {
        const estimate = instance.compute(inLevel);
        const test = compareEstimates(estimate, instance.compute(rest), info.kind, alpha, false);
        return { level, estimate, test };
      });
      const tested = raw.filter((r) => r.test !== null);
      const adjusted = tested.length > 0 ? ADJUST[adjustment](tested.map((r) => r.test!.p)) : [];
      const byLevel: Record<string, SegmentFigure> = {};
      for (const r of raw) {
        const i = tested.indexOf(r);
        const vsRest =
          r.test && i >= 0
            ? {
                ...r.test,
                pAdjusted: adjusted[i]!,
                significantAdjusted: adjusted[i]! < alpha,
              }
            : null;
        byLevel[r.level] = {
          ...r.estimate,
          vsRest,
          change: null,
          // The rest is the larger side: the group's own base decides the caveat.
          significantButIndicative:
            r.estimate.base === 'indicative' && (vsRest?.significantAdjusted ?? false),
        };
      }
      segments[dimension] = byLevel;
    }
    result[instance.id] = {
      overall: instance.compute(all),
      change: null,
      significantButIndicative: false,
      segments,
    };
  }
  return result;
}
