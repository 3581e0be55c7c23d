/**
 * Mean score of an item (or of any continuous measure such as the satisfaction index) with a
 * t interval, as an Estimate under the minimum-base rule.
 */
import { applyMinimumBase, type Estimate, type MinimumBase } from './estimate.ts';
import { histogramMoments, type ItemHistogram } from '../reducing/histogram.ts';
import { effectiveN, meanInterval, type Moments } from '../statistics/mean-interval.ts';

/** Mean of a moments state as an Estimate; `missing` is passed through for display. */
export function meanEstimate(
  m: Moments,
  missing: number,
  rule?: MinimumBase,
  confidence = 0.95,
): Estimate {
  const interval = meanInterval(m, confidence);
  return applyMinimumBase(
    {
      value: interval?.mean ?? null,
      lower: interval?.lower ?? null,
      upper: interval?.upper ?? null,
      se: interval?.se ?? null,
      n: m.n,
      nEffective: effectiveN(m),
      missing,
      base: 'suppressed',
    },
    rule,
  );
}

/**
 * Mean score of an item histogram with a t interval.
 * @example meanScore(histogram of [1, 2, 3, 4]) // value 2.5, interval [0.4457, 4.5543] (before suppression)
 */
export function meanScore(h: ItemHistogram, rule?: MinimumBase, confidence = 0.95): Estimate {
  return meanEstimate(histogramMoments(h), h.missing, rule, confidence);
}
