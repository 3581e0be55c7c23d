/**
 * Top-box share (CSAT and component scores): the share of answers in the top `boxes` points of
 * the item's declared scale, e.g. 4–5 on a 1–5 scale, with a Wilson interval, in percent.
 * With weights the share is weighted and the interval uses Kish n_eff.
 */
import type { Estimate, MinimumBase } from './estimate.ts';
import { histogramWeight, shareBetween, type ItemHistogram } from '../reducing/histogram.ts';
import { effectiveN } from '../statistics/mean-interval.ts';
import { proportionEstimate } from './share.ts';

/**
 * @param boxes how many top scale points count (2 = top-2-box)
 * @throws "topBox requires boxes between 1 and the number of scale points − 1"
 * @example topBox(histogram of 1–5 answers with 412 of 600 in 4–5).value // 68.67, interval [64.85, 72.25]
 */
export function topBox(h: ItemHistogram, boxes = 2, rule?: MinimumBase): Estimate {
  if (!(boxes >= 1 && boxes <= h.max - h.min)) {
    throw new Error('topBox requires boxes between 1 and the number of scale points − 1');
  }
  return proportionEstimate(
    {
      p: h.n > 0 ? shareBetween(h, h.max - boxes + 1, h.max) : 0,
      n: h.n,
      nEffective: effectiveN({ sumW: histogramWeight(h), sumW2: h.sumW2 }),
      missing: h.missing,
    },
    rule,
  );
}
