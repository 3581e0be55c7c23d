/**
 * Every figure of one snapshot as plain data: what the figures JSON holds, what components
 * read by metric id, and what the change between periods is computed from.
 */
import { compareEstimates, type Change } from '../metrics/change.ts';
import type { Estimate } from '../metrics/estimate.ts';
import { getMetric } from '../metrics/registry.ts';
import type { MetricFigures } from './survey-figures.ts';
import type { ResponseRate } from '../metrics/response-rates.ts';
import type { DriverResult } from '../statistics/relative-weights.ts';
import type { GridPoint } from '../statistics/importance-performance-grid.ts';
import type { OperationalFigures } from './operational-figures.ts';

export interface WeightingSummary {
  method: 'none' | 'poststratify' | 'rake';
  dimensions: string[];
  /** Kish effective sample size over all responses. */
  nEffective: number;
  /** n_eff / n. */
  efficiency: number;
  /** Largest weight relative to the mean weight. */
  maxWeightRatio: number;
}

export interface SegmentDimensionInfo {
  label: string;
  levels: string[];
}

export interface SnapshotFigures {
  id: string;
  period: string;
  start: string;
  end: string;
  hash: string;
  /** Survey responses used (after validation and de-duplication). */
  responses: number;
  tables: Record<string, { file: string; rows: number; used: number }>;
  segments: Record<string, SegmentDimensionInfo>;
  weighting: WeightingSummary;
  responseRates: Record<string, Record<string, ResponseRate>>;
  metrics: Record<string, MetricFigures>;
  targets: Record<string, number>;
  /** Outcome item → key-driver analysis with its importance–performance grid (null when too few). */
  drivers: Record<string, DriverFigures | null>;
  /** Orders, tickets, comments and competitor comparison; null parts where a table is absent. */
  operational: OperationalFigures;
  /** Minimum-base rule applied to every figure. */
  minimumBase: { suppress: number; flag: number };
  benchmarks: Record<string, number>;
  /** Multiple-testing adjustment of group-vs-rest tests (absent in figures frozen before it was recorded: Holm). */
  adjustment?: 'holm' | 'bh';
}

export interface DriverFigures extends DriverResult {
  /** Driver → label shown to readers. */
  labels: Record<string, string>;
  grid: Array<GridPoint & { label: string }>;
  importanceMean: number;
  performanceMean: number;
  method: string;
}

export interface MetricChange {
  overall: Change | null;
  segments: Record<string, Record<string, Change | null>>;
}

/**
 * Change of every metric from `previous` to `current`, overall and per segment level, with the
 * test of the metric's kind. Metrics absent from either snapshot are left out.
 */
export function changesBetween(
  current: SnapshotFigures,
  previous: SnapshotFigures,
): Record<string, MetricChange> {
  const changes: Record<string, MetricChange> = {};
  for (const [id, figures] of Object.entries(current.metrics)) {
    const before = previous.metrics[id];
    if (!before) continue;
    const { kind } = getMetric(id);
    const segments: Record<string, Record<string, Change | null>> = {};
    for (const [dimension, levels] of Object.entries(figures.segments)) {
      segments[dimension] = {};
      for (const [level, estimate] of Object.entries(levels)) {
        const prior: Estimate | undefined = before.segments[dimension]?.[level];
        segments[dimension][level] = prior ? compareEstimates(estimate, prior, kind) : null;
      }
    }
    changes[id] = { overall: compareEstimates(figures.overall, before.overall, kind), segments };
  }
  return changes;
}
