/**
 * A published version's figures, frozen at publication next to its MDX
 * (`reports/<period>/v<N>.figures.json`). A published page renders from them, so its numbers
 * never change — not when the data is corrected (a new version is published instead), and not
 * when the metric code improves.
 */
import type { MetricChange, SnapshotFigures } from '../figures/snapshot-figures.ts';

export interface FrozenReview {
  /** The snapshot hash the figures were computed from; equals the version's snapshotHash. */
  snapshotHash: string;
  figures: SnapshotFigures;
  changes: Record<string, MetricChange> | null;
  /** Snapshots up to and including this one, oldest first, as they were at publication. */
  history: SnapshotFigures[];
}

/** Path of the frozen figures of a report version, relative to the reports folder. */
export function frozenPath(reportId: string): string {
  return `${reportId}.figures.json`;
}

/** Serialises deterministically (stable key order as built, 2-space indent, trailing newline). */
export function serializeFrozen(frozen: FrozenReview): string {
  return `${JSON.stringify(frozen, null, 2)}\n`;
}
