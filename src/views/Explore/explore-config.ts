/**
 * What the Explore page's server side hands its client script (as JSON in the page): the
 * periods it can pool with the address of each one's data, the dimensions it can filter on,
 * its default range and the site's locale. Built from the published Explore data only.
 */
import type { ExploreDimension } from '../../contracts/explore-schema.ts';
import { dimensionsOf } from '../../figures/explore-figures.ts';
import type { ExplorePeriod } from '../../figures/explore-period.ts';

export interface ExploreClientConfig {
  periods: Array<{ id: string; period: string; url: string }>;
  dimensions: ExploreDimension[];
  from: string;
  to: string;
  locale: string;
}

/**
 * The client's configuration over `periods` (oldest first), defaulting to `from`–`to`.
 * @param url the address of a period's data
 */
export function exploreClientConfig(
  periods: ReadonlyArray<Pick<ExplorePeriod, 'id' | 'period' | 'dimensions'>>,
  range: { from: string; to: string },
  url: (id: string) => string,
  locale: string,
): ExploreClientConfig {
  return {
    periods: periods.map((p) => ({ id: p.id, period: p.period, url: url(p.id) })),
    dimensions: dimensionsOf(periods),
    from: range.from,
    to: range.to,
    locale,
  };
}
