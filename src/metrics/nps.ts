/**
 * Net Promoter Score from a 0–10 "likelihood to recommend" histogram.
 *
 * NPS = 100·(p − d) with p the share of 9–10 (promoters) and d the share of 0–6 (detractors).
 * Interval: adjusted Wald (Rocks 2016, "Interval estimation for the Net Promoter Score",
 * The American Statistician 70(4)): add 0.75 detractors, 1.5 passives, 0.75 promoters (n + 3),
 * v = (p′ + d′) − (p′ − d′)², SE = √(v / (n + 3)). The point estimate stays unadjusted.
 * With weights, counts are weighted shares times Kish n_eff.
 */
import { applyMinimumBase, emptyEstimate, type Estimate, type MinimumBase } from './estimate.ts';
import { histogramWeight, shareBetween, type ItemHistogram } from '../reducing/histogram.ts';
import { zForConfidence } from '../statistics/normal.ts';
import { effectiveN } from '../statistics/mean-interval.ts';

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export interface NpsInterval {
  /** NPS in points, −100 to 100. */
  nps: number;
  /** Unadjusted SE in points: 100·√(((p + d) − (p − d)²)/n); the NPS-change test uses it. */
  se: number;
  wald: [number, number];
  adjustedWald: [number, number];
}

/**
 * NPS with Wald and adjusted-Wald intervals from (possibly fractional) category counts.
 * @throws "nps requires at least one response" when the counts sum to 0
 * @example npsFromCounts({ promoters: 5, passives: 3, detractors: 4 }).adjustedWald // [-35.54, 48.87]
 */
export function npsFromCounts(counts: NpsCounts, confidence = 0.95): NpsInterval {
  const n = counts.promoters + counts.passives + counts.detractors;
  if (!(n > 0)) throw new Error('nps requires at least one response');
  const z = zForConfidence(confidence);
  const p = counts.promoters / n;
  const d = counts.detractors / n;
  const nps = p - d;
  const se = Math.sqrt(Math.max(0, p + d - nps * nps) / n);
  const nAdj = n + 3;
  const pAdj = (counts.promoters + 0.75) / nAdj;
  const dAdj = (counts.detractors + 0.75) / nAdj;
  const npsAdj = pAdj - dAdj;
  const seAdj = Math.sqrt((pAdj + dAdj - npsAdj * npsAdj) / nAdj);
  const clamp = (x: number) => Math.max(-100, Math.min(100, 100 * x));
  return {
    nps: 100 * nps,
    se: 100 * se,
    wald: [clamp(nps - z * se), clamp(nps + z * se)],
    adjustedWald: [clamp(npsAdj - z * seAdj), clamp(npsAdj + z * seAdj)],
  };
}

/** Promoter/passive/detractor counts of a 0–10 histogram, scaled to Kish n_eff when weighted. */
export function npsCounts(h: ItemHistogram): NpsCounts {
  if (h.min !== 0 || h.max !== 10) throw new Error('nps requires a 0–10 scale');
  const nEff = effectiveN({ sumW: histogramWeight(h), sumW2: h.sumW2 });
  return {
    promoters: shareBetween(h, 9, 10) * nEff,
    passives: shareBetween(h, 7, 8) * nEff,
    detractors: shareBetween(h, 0, 6) * nEff,
  };
}

/**
 * NPS estimate of a 0–10 histogram with its adjusted-Wald interval and the minimum-base rule.
 * @example nps(histogram of [0,5,6,7,8,9,10,10,10,3,9,8]).value // 8.33 (suppressed under the default base of 30)
 */
export function nps(h: ItemHistogram, rule?: MinimumBase, confidence = 0.95): Estimate {
  const nEffective = effectiveN({ sumW: histogramWeight(h), sumW2: h.sumW2 });
  const empty = emptyEstimate(h.n, nEffective, h.missing);
  if (h.n === 0) return applyMinimumBase(empty, rule);
  const r = npsFromCounts(npsCounts(h), confidence);
  return applyMinimumBase(
    { ...empty, value: r.nps, lower: r.adjustedWald[0], upper: r.adjustedWald[1], se: r.se },
    rule,
  );
}
