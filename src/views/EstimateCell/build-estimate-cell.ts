/**
 * One figure formatted for a table cell — its value, interval, base and change against the
 * previous period — the same in every table that shows figures (scorecards, group pages, item
 * scores).
 */
import type { Change, Estimate, MetricInfo } from '../../contracts/figures-schema.ts';
import {
  changeIsImprovement,
  formatDelta,
  formatInterval,
  formatP,
  formatValue,
} from '../format.ts';

export interface EstimateCell {
  /** Formatted value, or null when suppressed (or absent). */
  value: string | null;
  interval: string | null;
  n: number;
  base: Estimate['base'];
  change: { text: string; significant: boolean; improvement: boolean; p: string } | null;
}

type Metric = Pick<MetricInfo, 'unit' | 'decimals' | 'direction' | 'changeUnit'>;

/** The cell of an estimate (a suppressed one when absent) with its change. */
export function buildEstimateCell(
  metric: Metric,
  estimate: Pick<Estimate, 'value' | 'lower' | 'upper' | 'n' | 'base'> | undefined,
  change: Change | null,
  locale: string,
): EstimateCell {
  if (!estimate) return { value: null, interval: null, n: 0, base: 'suppressed', change: null };
  const { value, lower, upper } = estimate;
  return {
    value: value === null ? null : formatValue(metric, value, locale),
    interval:
      lower !== null && upper !== null ? formatInterval(metric, lower, upper, locale) : null,
    n: estimate.n,
    base: estimate.base,
    change: change
      ? {
          text: formatDelta(metric, change.delta, locale),
          significant: change.significant,
          improvement: changeIsImprovement(metric, change),
          p: formatP(change.p),
        }
      : null,
  };
}
