/**
 * What a report's components need to render: the figures of its snapshot, the change against
 * the previous snapshot, and the history up to this period. The report page builds it once and
 * puts it on Astro.locals, so MDX authors write `<HeadlineGrid />`, not numbers.
 */
import type { Finding } from '../figures/root-causes.ts';
import type { MetricChange, SnapshotFigures } from '../figures/snapshot-figures.ts';
import type { Action } from '../contracts/action-schema.ts';

export interface ReviewContext {
  figures: SnapshotFigures;
  /** Metric id → change against the previous snapshot; null for the first snapshot. */
  changes: Record<string, MetricChange> | null;
  /** Snapshots up to and including this one, oldest first. */
  history: SnapshotFigures[];
  locale: string;
  /** Root-cause evidence, most important first. */
  findings: Finding[];
  /** The whole action register (the actions view picks what concerns this review). */
  actions: Action[];
}

/** The context, or a clear error when a component is used outside a report page. */
export function requireReview(
  locals: { review?: ReviewContext },
  component: string,
): ReviewContext {
  if (!locals.review) {
    throw new Error(`<${component}> must be used inside a report (reports/<snapshot>/v<N>.mdx)`);
  }
  return locals.review;
}
