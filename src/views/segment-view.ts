/**
 * Pure builder of the segment view: one customer group across periods and metrics.
 */
import { compareEstimates } from '../metrics/change.ts';
import { METRICS } from '../metrics/registry.ts';
import type { SnapshotFigures } from '../figures/snapshot-figures.ts';
import { formatDelta, formatInterval, formatP, formatValue } from './format.ts';

export interface SegmentRef {
  dimension: string;
  dimensionLabel: string;
  level: string;
}

export interface SegmentCell {
  value: string | null;
  interval: string | null;
  n: number;
  base: 'ok' | 'indicative' | 'suppressed';
  change: string | null;
  significant: boolean;
}

export interface SegmentView {
  periods: string[];
  rows: Array<{ metricId: string; label: string; cells: SegmentCell[] }>;
}

/** Every dimension × level that appears in any snapshot, in declaration order. */
export function listSegments(snapshots: readonly SnapshotFigures[]): SegmentRef[] {
  const seen = new Map<string, SegmentRef>();
  for (const s of snapshots) {
    for (const [dimension, info] of Object.entries(s.segments)) {
      for (const level of info.levels) {
        const key = `${dimension}\u0000${level}`;
        if (!seen.has(key)) seen.set(key, { dimension, dimensionLabel: info.label, level });
      }
    }
  }
  return [...seen.values()];
}

export function buildSegmentView(
  snapshots: readonly SnapshotFigures[],
  dimension: string,
  level: string,
  locale: string,
): SegmentView {
  const metrics = METRICS.filter((m) => snapshots.some((s) => s.metrics[m.id]));
  return {
    periods: snapshots.map((s) => s.period),
    rows: metrics.map((metric) => ({
      metricId: metric.id,
      label: metric.label,
      cells: snapshots.map((s, i) => {
        const e = s.metrics[metric.id]?.segments[dimension]?.[level];
        const prev =
          i > 0 ? snapshots[i - 1]!.metrics[metric.id]?.segments[dimension]?.[level] : undefined;
        if (!e)
          return {
            value: null,
            interval: null,
            n: 0,
            base: 'suppressed' as const,
            change: null,
            significant: false,
          };
        const change = prev ? compareEstimates(e, prev, metric.kind) : null;
        return {
          value: e.value === null ? null : formatValue(metric, e.value, locale),
          interval:
            e.lower !== null && e.upper !== null
              ? formatInterval(metric, e.lower, e.upper, locale)
              : null,
          n: e.n,
          base: e.base,
          change: change
            ? `${formatDelta(metric, change.delta, locale)}${change.significant ? ` (${formatP(change.p)})` : ''}`
            : null,
          significant: change?.significant ?? false,
        };
      }),
    })),
  };
}

/** URL-safe slug of a segment level. */
export function levelSlug(level: string): string {
  return (
    level
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'level'
  );
}
