/**
 * The reference file of an Explore page: the figures of its fixed reference selections
 * (figures/explore-reference.ts) computed at build time from the same published data the page
 * fetches, each with the query that selects it on the page. The browser test opens each query
 * and compares every figure the page shows with these.
 */
import { dimensionsOf, exploreFigures } from '../../figures/explore-figures.ts';
import { referenceSelections } from '../../figures/explore-reference.ts';
import { writeSelection, type SelectionSpace } from '../../views/Explore/selection-url.ts';
import { decodeExplorePeriod } from '../../figures/explore-period.ts';
import { cachedPageBytes, type SiteData } from '../../build/site-data.ts';

/** The reference file's body for a page over every period's Explore data, `from`–`to` first. */
export function referenceResponse(
  site: SiteData,
  range: { from: string; to: string },
  selectedPeriods: readonly string[],
): Response {
  // The same periods' data give the same figures: an unchanged rebuild reads them back, without
  // decoding any period's data.
  const body = cachedPageBytes(
    `explore-reference-${selectedPeriods.length === 1 ? selectedPeriods[0] : 'all'}`,
    [...site.explore.map((p) => `${p.id}:${p.hash}`), range.from, range.to, ...selectedPeriods],
    ['views/Explore/selection-url.ts', 'pages/explore/_reference.ts'],
    () => {
      // Only the selected periods are decoded (every period's dimensions are in its file): each
      // file decodes its own, and no build holds every period's decoded data.
      const dimensions = dimensionsOf(site.explore);
      const data = site.explore
        .filter((p) => selectedPeriods.includes(p.id))
        .map(decodeExplorePeriod);
      const space: SelectionSpace = {
        periods: site.explore.map((p) => p.id),
        dimensions,
        ...range,
      };
      const references = referenceSelections(data, selectedPeriods).map((selection) => ({
        query: writeSelection(
          { from: selection.periods[0]!, to: selection.periods.at(-1)!, levels: selection.levels },
          space,
        ),
        selection,
        figures: exploreFigures(data, selection, dimensions),
      }));
      return `${JSON.stringify({ references }, null, 1)}\n`;
    },
  );
  return new Response(body, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
}
