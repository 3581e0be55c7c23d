/**
 * The reference file of an Explore page: the figures of its fixed reference selections
 * (figures/explore-reference.ts) computed at build time from the same published data the page
 * fetches, each with the query that selects it on the page. The browser test opens each query
 * and compares every figure the page shows with these.
 */
import type { ExplorePeriodFile } from '../../contracts/explore-schema.ts';
import { exploreFigures } from '../../figures/explore-figures.ts';
import { decodeExplorePeriod } from '../../figures/explore-period.ts';
import { referenceSelections } from '../../figures/explore-reference.ts';
import { writeSelection, type SelectionSpace } from '../../views/Explore/selection-url.ts';
import { dimensionsOf } from '../../figures/explore-figures.ts';

/** The reference file's body for a page over `files` showing `from`–`to` first. */
export function referenceResponse(
  files: readonly ExplorePeriodFile[],
  range: { from: string; to: string },
  selectedPeriods: readonly string[],
): Response {
  const data = files.map(decodeExplorePeriod);
  const space: SelectionSpace = {
    periods: data.map((p) => p.id),
    dimensions: dimensionsOf(data),
    ...range,
  };
  const references = referenceSelections(data, selectedPeriods).map((selection) => ({
    query: writeSelection(
      { from: selection.periods[0]!, to: selection.periods.at(-1)!, levels: selection.levels },
      space,
    ),
    selection,
    figures: exploreFigures(data, selection),
  }));
  return new Response(`${JSON.stringify({ references }, null, 1)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
}
