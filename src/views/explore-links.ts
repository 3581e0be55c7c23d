/**
 * Links from a report into its period's Explore page with a finding's group selected: the
 * group of a finding about a segment level, or the customers with a late delivery for the
 * finding that they are less satisfied. Null for findings about everyone.
 */
import type { Finding } from '../contracts/figures-schema.ts';
import { DELIVERY_TIMING } from '../contracts/order-groups.ts';
import { LATE_DELIVERY_FINDING } from '../figures/root-causes.ts';
import { levelsQuery } from './Explore/selection-url.ts';
import { paths } from './paths.ts';

/**
 * The Explore page of `snapshotId` with the finding's group selected, and the link's text
 * (naming the group, so each link says where it goes); null for a finding about everyone.
 */
export function findingExploreLink(
  finding: Finding,
  snapshotId: string,
): { href: string; text: string } | null {
  const [dimension, level] = finding.segment
    ? [finding.segment.dimension, finding.segment.level]
    : finding.id === LATE_DELIVERY_FINDING
      ? [DELIVERY_TIMING.id, DELIVERY_TIMING.levels[0]!]
      : [null, null];
  if (dimension === null) return null;
  return {
    href: paths.explore(snapshotId, levelsQuery({ [dimension]: [level] })),
    text: `Explore “${level}”`,
  };
}
