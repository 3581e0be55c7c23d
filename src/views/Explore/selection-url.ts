/**
 * A reader's Explore selection in the page's URL, so a link opens the same slice: each
 * filtered dimension's chosen levels as repeated parameters named by the dimension
 * (`?customer_group=SMB&customer_group=Enterprise`), and the pooled periods as `from-period`
 * and `to-period` when they differ from the page's own. Parameter names with a "-" cannot be a
 * dimension's (those are lower-case letters, digits and "_"). The written query is canonical:
 * levels in declared order, a dimension with every level chosen left out, so reading a query
 * and writing it back gives the same text.
 */
import type { ExploreSelection } from '../../figures/explore-figures.ts';

export const FROM_PERIOD = 'from-period';
export const TO_PERIOD = 'to-period';

/** What the page offers: its periods in time order, its dimensions, its default range. */
export interface SelectionSpace {
  periods: readonly string[];
  dimensions: ReadonlyArray<{ id: string; levels: readonly string[] }>;
  /** The range the page shows when the URL names none. */
  from: string;
  to: string;
}

/** A selection as the URL holds it. */
export interface UrlSelection {
  from: string;
  to: string;
  /** Dimension → chosen levels (declared order); filtered dimensions only. */
  levels: Record<string, string[]>;
}

/** The query of a selection's levels alone (for links into a period's page), "" for none. */
export function levelsQuery(levels: Readonly<Record<string, readonly string[]>>): string {
  const params = new URLSearchParams();
  for (const [dimension, chosen] of Object.entries(levels))
    for (const level of chosen) params.append(dimension, level);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * The selection a query names, within what the page offers; parameters it does not know
 * (an unknown dimension, level or period) are left out and listed in `ignored`.
 */
export function readSelection(
  search: string,
  space: SelectionSpace,
): { selection: UrlSelection; ignored: string[] } {
  const params = new URLSearchParams(search);
  const ignored: string[] = [];
  const period = (name: string, fallback: string) => {
    const value = params.get(name);
    if (value === null) return fallback;
    if (space.periods.includes(value)) return value;
    ignored.push(`${name}=${value}`);
    return fallback;
  };
  let from = period(FROM_PERIOD, space.from);
  let to = period(TO_PERIOD, space.to);
  if (space.periods.indexOf(from) > space.periods.indexOf(to)) [from, to] = [to, from];
  const levels: Record<string, string[]> = {};
  for (const [name, value] of params) {
    if (name === FROM_PERIOD || name === TO_PERIOD) continue;
    const dimension = space.dimensions.find((d) => d.id === name);
    if (!dimension || !dimension.levels.includes(value)) ignored.push(`${name}=${value}`);
  }
  for (const dimension of space.dimensions) {
    const chosen = dimension.levels.filter((l) => params.getAll(dimension.id).includes(l));
    if (chosen.length > 0 && chosen.length < dimension.levels.length) levels[dimension.id] = chosen;
  }
  return { selection: { from, to, levels }, ignored };
}

/** The canonical query of a selection ("" when it is the page's default). */
export function writeSelection(selection: UrlSelection, space: SelectionSpace): string {
  const params = new URLSearchParams();
  if (selection.from !== space.from) params.set(FROM_PERIOD, selection.from);
  if (selection.to !== space.to) params.set(TO_PERIOD, selection.to);
  for (const dimension of space.dimensions) {
    const chosen = dimension.levels.filter((l) => selection.levels[dimension.id]?.includes(l));
    if (chosen.length === 0 || chosen.length === dimension.levels.length) continue;
    for (const level of chosen) params.append(dimension.id, level);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The figures stage's selection: the periods of the range, the filtered levels. */
export function exploreSelectionOf(
  selection: UrlSelection,
  space: SelectionSpace,
): ExploreSelection {
  const first = space.periods.indexOf(selection.from);
  const last = space.periods.indexOf(selection.to);
  return { periods: space.periods.slice(first, last + 1), levels: selection.levels };
}
