/** How a review's figures are weighted, in one sentence the methodology page and section share. */
import type { ReviewFigures } from '../contracts/figures-schema.ts';
import { formatCount, formatNumber, formatPercent } from './format.ts';

/**
 * "raking (iterative proportional fitting) on customer group and region to the population
 * counts; Kish effective sample size 1,302 (weighting efficiency 94%, largest weight 1.6× the
 * mean)", or null when the figures are unweighted.
 */
export function describeWeighting(
  figures: Pick<ReviewFigures, 'weighting' | 'segments'>,
  locale: string,
): string | null {
  const w = figures.weighting;
  if (w.method === 'none') return null;
  const method =
    w.method === 'rake' ? 'raking (iterative proportional fitting)' : 'post-stratification';
  const on = w.dimensions.map((d) => (figures.segments[d]?.label ?? d).toLowerCase()).join(' and ');
  return (
    `${method} on ${on} to the population counts; Kish effective sample size ` +
    `${formatCount(Math.round(w.nEffective), locale)} (weighting efficiency ` +
    `${formatPercent(100 * w.efficiency, locale, 0)}, largest weight ` +
    `${formatNumber(w.maxWeightRatio, 1, locale)}× the mean)`
  );
}
