/**
 * One figure formatted for a table cell — its value, interval, base, change against the
 * previous period and difference from the rest of the sample — the same in every table that
 * shows figures (scorecards, group pages, item scores). A suppressed figure has no value, no
 * interval and no difference: only its n.
 */
import type { Change, Estimate, GroupTest, MetricInfo } from '../../contracts/figures-schema.ts';
import { formatCount, numberFormats } from '../format.ts';
import { readDifference, type DifferenceReading } from '../significance.ts';

/** A difference as a cell shows it: its formatted size and how to read it. */
export interface CellDifference {
  text: string;
  reading: DifferenceReading;
}

export interface EstimateCell {
  /** Formatted value, or null when suppressed (or absent). */
  value: string | null;
  interval: string | null;
  n: number;
  /** n as written on the page ("1,354"). */
  nText: string;
  base: Estimate['base'];
  /** Against the previous period (shown whether real or not: its mark says which). */
  change: CellDifference | null;
  /** Against the rest of the sample, only when real (adjusted as the figures say). */
  vsRest: CellDifference | null;
}

type Metric = Pick<MetricInfo, 'unit' | 'decimals' | 'direction' | 'changeUnit'>;

export interface CellOptions {
  /** The group against the rest, with its adjusted test. */
  vsRest?: GroupTest | null;
  /** The figures flag a significant test of this figure on an indicative base. */
  significantButIndicative?: boolean;
  currency?: string | null;
}

/** The cell of an estimate (a suppressed one when absent) with its differences. */
export function buildEstimateCell(
  metric: Metric,
  estimate: Pick<Estimate, 'value' | 'lower' | 'upper' | 'n' | 'base'> | undefined,
  change: Pick<Change, 'delta' | 'significant'> | null,
  locale: string,
  options: CellOptions = {},
): EstimateCell {
  if (!estimate || estimate.value === null)
    return {
      value: null,
      interval: null,
      n: estimate?.n ?? 0,
      nText: formatCount(estimate?.n ?? 0, locale),
      base: 'suppressed',
      change: null,
      vsRest: null,
    };
  const { value, lower, upper } = estimate;
  const format = numberFormats(locale, options.currency ?? null);
  // The caveat goes with every mark of a figure whose base, or whose comparison's, is small.
  const indicative = estimate.base === 'indicative' || options.significantButIndicative === true;
  const vsRest = options.vsRest;
  return {
    value: format.value(metric, value),
    interval: lower !== null && upper !== null ? format.interval(metric, lower, upper) : null,
    n: estimate.n,
    nText: formatCount(estimate.n, locale),
    base: estimate.base,
    change: change
      ? {
          text: format.delta(metric, change.delta),
          reading: readDifference(metric, change, change.significant, indicative),
        }
      : null,
    vsRest:
      vsRest && vsRest.significantAdjusted
        ? {
            text: format.delta(metric, vsRest.delta),
            reading: readDifference(metric, vsRest, true, indicative, 'gap'),
          }
        : null,
  };
}
