/** Comparison with the main competitor: weighted shares better, the same and worse. */
import type { CompetitorFigures, Share } from '../contracts/figures-schema.ts';
import type { MetricSources } from '../metrics/registry/index.ts';
import type { SurveyCell } from '../reducing/survey-state.ts';
import { effectiveN } from '../statistics/mean-interval.ts';
import { wilson } from '../statistics/wilson.ts';

/** Weighted shares better/same/worse with Wilson intervals on Kish n_eff; null without answers. */
export function competitorFigures(
  cells: Iterable<SurveyCell>,
  weightOf: (c: SurveyCell) => number,
): NonNullable<MetricSources['competitor']> | null {
  // Weighted answers of each kind, Σw and Σw² over the answers, and the answers.
  const sums = { better: 0, same: 0, worse: 0, sumW: 0, sumW2: 0, n: 0 };
  for (const c of cells) {
    const w = weightOf(c);
    const k = c.competitor.better + c.competitor.same + c.competitor.worse;
    sums.better += w * c.competitor.better;
    sums.same += w * c.competitor.same;
    sums.worse += w * c.competitor.worse;
    sums.sumW += w * k;
    sums.sumW2 += w * w * k;
    sums.n += k;
  }
  const { better, same, worse, sumW, sumW2, n } = sums;
  if (n === 0) return null;
  const nEffective = effectiveN({ sumW, sumW2 });
  const share = (x: number): Share => {
    const p = x / sumW;
    const [lower, upper] = wilson(p * nEffective, nEffective);
    return { k: Math.round(p * n), n, value: 100 * p, lower: 100 * lower, upper: 100 * upper };
  };
  const b = share(better);
  const w = share(worse);
  const figures: CompetitorFigures = {
    n,
    better: b,
    same: share(same),
    worse: w,
    net: b.value! - w.value!,
  };
  return { figures, nEffective };
}
