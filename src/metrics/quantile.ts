/**
 * A quantile of a distribution of times (first response, resolution) as an estimate: the
 * sample quantile (numpy's default), its distribution-free interval from order statistics and
 * the SE derived from that interval (Price & Bonett 2002), in the unit `scale` converts to.
 */
import { quantileInterval } from '../statistics/quantile-interval.ts';
import { applyMinimumBase, emptyEstimate, type Estimate, type MinimumBase } from './estimate.ts';

/**
 * The q-quantile of the counts × scale (e.g. minutes × 1/60 for hours).
 * @example quantileEstimate(new Map([[60, 10], [120, 10]]), 0.5, 1 / 60).value // 1.5
 */
export function quantileEstimate(
  counts: ReadonlyMap<number, number>,
  q: number,
  scale: number,
  rule?: MinimumBase,
): Estimate {
  let n = 0;
  for (const c of counts.values()) n += c;
  const empty = emptyEstimate(n, n, 0);
  if (n === 0) return applyMinimumBase(empty, rule);
  const r = quantileInterval(counts, q);
  return applyMinimumBase(
    {
      ...empty,
      n: r.n,
      nEffective: r.n,
      value: scale * r.value,
      lower: scale * r.lower,
      upper: scale * r.upper,
      se: scale * r.se,
    },
    rule,
  );
}
