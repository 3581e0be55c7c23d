/**
 * What changed in the headline figures between the versions of one review: one row per
 * headline metric, one column per version, and the change from the previous version.
 */
import type { ReviewFigures } from '../contracts/figures-schema.ts';
import { HEADLINE_METRICS } from '../metrics/registry/index.ts';
import { numberFormats } from './format.ts';

/** A version's figures with its change note. */
export interface VersionFigures {
  version: number;
  figures: ReviewFigures;
  changeNote?: string;
}

export interface VersionDiff {
  versions: number[];
  rows: Array<{ metricId: string; label: string; values: string[]; change: string }>;
  notes: Array<{ version: number; note: string }>;
}

export function buildVersionDiff(
  versions: readonly VersionFigures[],
  locale = 'en-GB',
): VersionDiff | null {
  if (versions.length < 2) return null;
  const format = numberFormats(locale);
  const rows = HEADLINE_METRICS.flatMap((id) => {
    const metric = versions.findLast((v) => v.figures.metrics[id])?.figures.catalog[id];
    if (!metric) return [];
    const values = versions.map((v) => v.figures.metrics[id]?.overall.value ?? null);
    const last = values.at(-1);
    const before = values.at(-2);
    return [
      {
        metricId: id,
        label: metric.label,
        values: values.map((x) => (x === null || x === undefined ? '—' : format.value(metric, x))),
        change:
          last !== null && last !== undefined && before !== null && before !== undefined
            ? Math.abs(last - before) < 1e-9
              ? 'unchanged'
              : format.delta(metric, last - before)
            : '—',
      },
    ];
  });
  return {
    versions: versions.map((v) => v.version),
    rows,
    notes: versions
      .filter((v) => v.changeNote)
      .map((v) => ({ version: v.version, note: v.changeNote! })),
  };
}
