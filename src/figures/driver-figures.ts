/**
 * Key-driver figures per outcome (overall satisfaction, recommendation): Johnson's relative
 * weights, Shapley/LMG and Pearson r on the weighted complete responses, the importance–
 * performance grid, and each weight's spread from a parametric bootstrap for the registry.
 */
import type { DriverFigures, MetricFigures } from '../contracts/figures-schema.ts';
import type { Questionnaire } from '../contracts/questionnaire.ts';
import type { MinimumBase } from '../metrics/estimate.ts';
import { topBoxMetricOf, type MetricSources } from '../metrics/registry/index.ts';
import type { SurveyCell } from '../reducing/survey-state.ts';
import { importancePerformance } from '../statistics/importance-performance-grid.ts';
import { driverAnalysis } from '../statistics/relative-weights.ts';
import { bootstrapShares } from './driver-bootstrap.ts';

type Role = 'satisfaction' | 'recommend';

const METHOD =
  "Johnson's relative weights (share of R²); Shapley/LMG shown for comparison; listwise deletion";

/**
 * The driver analysis of each outcome present, on the pooled weighted cell.
 * @param metrics the survey metrics' figures, for each driver's performance (top-box share)
 * @param options.bootstrap also the weights' bootstrap spreads, which only the registry's
 *   driver metrics read (the Explore page shows none, and leaves them out to stay fast)
 */
export function driverFigures(
  pooled: SurveyCell | null,
  questionnaire: Questionnaire,
  rule: MinimumBase,
  metrics: Record<string, MetricFigures>,
  options: { bootstrap?: boolean } = {},
): { figures: Partial<Record<Role, DriverFigures | null>>; sources: MetricSources['drivers'] } {
  const figures: Partial<Record<Role, DriverFigures | null>> = {};
  const sources: MetricSources['drivers'] = {};
  for (const role of ['satisfaction', 'recommend'] as const) {
    const outcome = questionnaire.roles[role];
    const state = outcome === undefined ? undefined : pooled?.drivers[outcome];
    if (!state) continue;
    figures[role] = null;
    sources[role] = null;
    // Too few complete responses, or a constant variable, leaves nothing to estimate.
    if (state.n < Math.max(rule.suppress, state.variables.length + 1)) continue;
    if (!hasVariation(state)) continue;
    const result = driverAnalysis(state);
    const labels: Record<string, string> = {};
    for (const d of result.drivers)
      labels[d] = questionnaire.items.find((i) => i.id === d)?.label ?? d;
    const performanceOf = (d: string) => metrics[topBoxMetricOf(questionnaire, d)]?.overall;
    const grid = importancePerformance(
      result.drivers.map((d) => ({
        driver: d,
        importance: (100 * result.johnson[d]!) / result.r2,
        performance: performanceOf(d)?.value ?? 0,
      })),
    );
    // Without the bootstrap (Explore, whose page shows no grid) every placement is borderline.
    const shares = options.bootstrap === false ? null : bootstrapShares(state, result);
    figures[role] = {
      ...result,
      labels,
      grid: grid.points.map((p) => ({
        ...p,
        label: labels[p.driver]!,
        borderline:
          crosses(shares?.weights[p.driver], grid.importanceMean) ||
          crosses(performanceOf(p.driver), grid.performanceMean),
      })),
      importanceMean: grid.importanceMean,
      performanceMean: grid.performanceMean,
      method: METHOD,
    };
    sources[role] = shares ? { n: result.n, ...shares } : null;
  }
  return { figures, sources };
}

/**
 * Whether an interval reaches across a split line (a placement within its uncertainty). Without
 * an interval (no bootstrap, a suppressed share) the placement cannot be told from chance either.
 */
export function crosses(
  interval: { lower: number | null; upper: number | null } | null | undefined,
  line: number,
): boolean {
  if (!interval || interval.lower === null || interval.upper === null) return true;
  return interval.lower <= line && line <= interval.upper;
}

/** Every variable varies (a constant one has no correlation to decompose). */
function hasVariation(state: {
  variables: readonly string[];
  sumW: number;
  sums: Float64Array;
  products: Float64Array;
}): boolean {
  const k = state.variables.length;
  for (let i = 0; i < k; i++) {
    const mean = state.sums[i]! / state.sumW;
    if (!(state.products[i * k + i]! / state.sumW - mean * mean > 1e-12)) return false;
  }
  return true;
}
