/**
 * Every survey metric of the registry for one snapshot: overall, by segment level, and each
 * level against the rest of the sample with p-values adjusted for multiple tests per dimension.
 */
import { compareEstimates, type Change } from '../metrics/change.ts';
import {
  applyMinimumBase,
  emptyEstimate,
  type Estimate,
  type MinimumBase,
} from '../metrics/estimate.ts';
import { meanEstimate, meanScore } from '../metrics/mean-score.ts';
import { nps } from '../metrics/nps.ts';
import { benjaminiHochberg, holm } from '../statistics/p-adjust.ts';
import { METRICS, type MetricDefinition } from '../metrics/registry.ts';
import { poolCells, type SurveyCell, type SurveyState } from '../reducing/survey-state.ts';
import { topBox } from '../metrics/top-box.ts';

export type Adjustment = 'holm' | 'bh';

export interface SegmentFigure extends Estimate {
  /** This level against all other responses of the dimension; null when either side is suppressed. */
  vsRest: (Change & { pAdjusted: number; significantAdjusted: boolean }) | null;
}

export interface MetricFigures {
  overall: Estimate;
  /** dimension → level → figure, for every declared level (suppressed when absent). */
  segments: Record<string, Record<string, SegmentFigure>>;
}

export interface SurveyFiguresOptions {
  rule: MinimumBase;
  /** Declared levels per dimension, in display order. */
  levels: Record<string, readonly string[]>;
  /** Weight of each response in a cell (1 when unweighted). */
  weightOf?: (cell: SurveyCell) => number;
  adjustment?: Adjustment;
  alpha?: number;
}

/** Whether a metric can be computed from this snapshot (its item was declared). */
export function metricAvailable(state: SurveyState, metric: MetricDefinition): boolean {
  const { source } = metric;
  if (source.type === 'operational') return false;
  if (source.type === 'index') return state.config.indexItems.some((i) => state.config.items[i]);
  const def = state.config.items[source.item];
  if (!def) return false;
  if (source.type === 'nps') return def.scale[0] === 0 && def.scale[1] === 10;
  if (source.type === 'top-box') return def.scale[1] - def.scale[0] > (source.boxes ?? 2);
  return true;
}

/** The estimate of one metric over a pooled cell. */
export function estimateMetric(
  cell: SurveyCell | null,
  metric: MetricDefinition,
  rule: MinimumBase,
  topBoxes: Partial<Record<string, number>> = {},
): Estimate {
  const { source } = metric;
  if (!cell) return applyMinimumBase(emptyEstimate(0, 0, 0), rule);
  if (source.type === 'operational')
    throw new Error(`estimateMetric requires a survey metric, not ${metric.id}`);
  if (source.type === 'index') return meanEstimate(cell.index, cell.indexMissing, rule);
  const h = cell.items[source.item];
  if (!h) throw new Error(`estimateMetric requires item ${source.item} in the survey state`);
  if (source.type === 'nps') return nps(h, rule);
  if (source.type === 'mean') return meanScore(h, rule);
  return topBox(h, source.boxes ?? topBoxes[source.item] ?? 2, rule);
}

/**
 * Figures for every available registry metric.
 * @param topBoxes per-item override of the number of top boxes (from the manifest)
 */
export function surveyFigures(
  state: SurveyState,
  options: SurveyFiguresOptions,
  topBoxes: Partial<Record<string, number>> = {},
): Record<string, MetricFigures> {
  const { rule, levels, weightOf, adjustment = 'holm', alpha = 0.05 } = options;
  const adjust = adjustment === 'holm' ? holm : benjaminiHochberg;
  const all = poolCells(state, () => true, weightOf);
  // Pool each level and its complement once; every metric reads the same pooled cells.
  const pooled = new Map<
    string,
    Array<{ level: string; inLevel: SurveyCell | null; rest: SurveyCell | null }>
  >();
  for (const [dimension, dimensionLevels] of Object.entries(levels)) {
    pooled.set(
      dimension,
      dimensionLevels.map((level) => ({
        level,
        inLevel: poolCells(state, (c) => c.levels[dimension] === level, weightOf),
        rest: poolCells(
          state,
          (c) => c.levels[dimension] !== undefined && c.levels[dimension] !== level,
          weightOf,
        ),
      })),
    );
  }
  const result: Record<string, MetricFigures> = {};
  for (const metric of METRICS) {
    if (!metricAvailable(state, metric)) continue;
    const segments: Record<string, Record<string, SegmentFigure>> = {};
    for (const [dimension, groups] of pooled) {
      const raw = groups.map(({ level, inLevel, rest }) => {
        const estimate = estimateMetric(inLevel, metric, rule, topBoxes);
        const restEstimate = estimateMetric(rest, metric, rule, topBoxes);
        return {
          level,
          estimate,
          test: compareEstimates(estimate, restEstimate, metric.kind, alpha),
        };
      });
      const tested = raw.filter((r) => r.test !== null);
      const adjusted = tested.length > 0 ? adjust(tested.map((r) => r.test!.p)) : [];
      const byLevel: Record<string, SegmentFigure> = {};
      for (const r of raw) {
        const i = tested.indexOf(r);
        byLevel[r.level] = {
          ...r.estimate,
          vsRest:
            r.test && i >= 0
              ? { ...r.test, pAdjusted: adjusted[i]!, significantAdjusted: adjusted[i]! < alpha }
              : null,
        };
      }
      segments[dimension] = byLevel;
    }
    result[metric.id] = { overall: estimateMetric(all, metric, rule, topBoxes), segments };
  }
  return result;
}
