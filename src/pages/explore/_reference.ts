/**
 * The reference file of an Explore page: the figures of its fixed reference selections
 * (figures/explore-reference.ts) computed at build time from the same published data the page
 * fetches, each with the query that selects it on the page. The browser test opens each query
 * and compares every figure the page shows with these.
 */
import { dimensionsOf, exploreFigures } from '../../figures/explore-figures.ts';
import { referenceInputs, referenceSelections } from '../../figures/explore-reference.ts';
import { writeSelection, type SelectionSpace } from '../../views/Explore/selection-url.ts';
import { decodeExplorePeriod } from '../../figures/explore-period.ts';
import { cachedPageBytes, type SiteData } from '../../build/site-data.ts';

/** The reference file's body for a page over every period's Explore data, `from`–`to` first. */
export function referenceResponse(
  site: SiteData,
  range: { from: string; to: string },
  selectedPeriods: readonly string[],
): Response {
  // An unchanged rebuild reads the file back, and so does one after a quarter is added whose
  // levels the others have (referenceInputs).
  const body = cachedPageBytes(
    `explore-reference-${selectedPeriods.length === 1 ? selectedPeriods[0] : 'all'}`,
    referenceInputs(site.explore, range, selectedPeriods),
    ['views/Explore/selection-url.ts', 'pages/explore/_reference.ts'],
    () => {
      // Every period's dimensions are in its file: the union of their levels is read without
      // decoding any. Only the selected periods are decoded: each file decodes its own, and no
      // build holds every period's decoded data.
      const dimensions = dimensionsOf(site.explore);
      const data = site.explore
        .filter((p) => selectedPeriods.includes(p.id))
        .map(decodeExplorePeriod);
      // A query names its range and levels against the page's default range and dimensions;
      // the space holds only what the key holds.
      const space: SelectionSpace = { periods: selectedPeriods, dimensions, ...range };
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
