/**
 * The fixed selections whose figures the build writes beside each Explore page, so that the
 * browser's figures for the same selections can be checked against them (test/explore.test.ts
 * selects each through the page): everyone; each level of each dimension alone (the report's
 * groups, adjusted as the report adjusts); two levels of the first dimension; a level of each
 * of the first two dimensions together; and the last levels of both, which in small data is a
 * group below the minimum base. On a page across periods, the last two periods pooled.
 */
import { dimensionsOf, type ExploreSelection } from './explore-figures.ts';
import type { ExplorePeriod } from './explore-period.ts';

/** The reference selections over `periods` (the page's default range). */
export function referenceSelections(
  data: ReadonlyArray<Pick<ExplorePeriod, 'id' | 'dimensions'>>,
  periods: readonly string[],
): ExploreSelection[] {
  const dimensions = dimensionsOf(data.filter((p) => periods.includes(p.id)));
  const of = (levels: Record<string, string[]>): ExploreSelection => ({
    periods: [...periods],
    levels,
  });
  const selections = [of({})];
  for (const d of dimensions)
    for (const level of d.levels) selections.push(of({ [d.id]: [level] }));
  const [first, second] = dimensions;
  if (first && first.levels.length > 2)
    selections.push(of({ [first.id]: first.levels.slice(0, 2) }));
  if (first && second) {
    selections.push(of({ [first.id]: [first.levels[0]!], [second.id]: [second.levels[0]!] }));
    selections.push(
      of({ [first.id]: [first.levels.at(-1)!], [second.id]: [second.levels.at(-1)!] }),
    );
  }
  return selections;
}

/**
 * What a reference file over `selected` is made from, as the parts of the key it is kept under
 * between builds: the selected periods' data (by hash), the dimensions of every period (their
 * levels name the filters and write the queries) and the range. A period outside the selection
 * changes it only by bringing a level the others do not have.
 */
export function referenceInputs(
  periods: ReadonlyArray<Pick<ExplorePeriod, 'id' | 'dimensions'> & { hash: string }>,
  range: { from: string; to: string },
  selected: readonly string[],
): string[] {
  return [
    ...periods.filter((p) => selected.includes(p.id)).map((p) => `${p.id}:${p.hash}`),
    JSON.stringify(dimensionsOf(periods)),
    range.from,
    range.to,
    ...selected,
  ];
}
