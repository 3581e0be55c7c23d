/** All root-cause findings of a snapshot, most important first: the one list every view uses. */
import {
  changeFindings,
  driverFindings,
  operationalFindings,
  type Finding,
} from './root-causes.ts';
import type { MetricChange, SnapshotFigures } from './snapshot-figures.ts';

export function findingsFor(
  figures: SnapshotFigures,
  changes: Record<string, MetricChange> | null,
  previousPeriod: string | null,
): Finding[] {
  return [
    ...changeFindings(figures, changes, previousPeriod),
    ...driverFindings(figures),
    ...operationalFindings(figures),
  ].sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id));
}
