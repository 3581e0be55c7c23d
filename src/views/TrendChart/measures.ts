/**
 * A series as the Trends and group pages draw it when its metric was measured otherwise from some
 * period on (another scale, top box or currency: figures/comparability.ts): the points of the
 * measure now, which its line joins, and each earlier measure's points, which get a chart of
 * their own, so that no line joins two measures and no period's value is hidden.
 */
import type { TrendPoint } from '../../contracts/figures-schema.ts';
import { measureRuns } from '../../figures/trends.ts';

export interface Measures<P extends TrendPoint> {
  /** The points measured as the latest period measures the metric, oldest first. */
  current: readonly P[];
  /** Whether any of those has a value (a group may have none since the measure changed). */
  currentHasValue: boolean;
  /**
   * Whether the measure now gets a chart: when it has a value, or when it is the only one (its
   * chart of suppressed figures says why there is no line). A group with no value since the
   * measure changed gets the note and the earlier charts only.
   */
  drawn: boolean;
  /** The period label the measure now starts at; null when every period measures it alike. */
  since: string | null;
  /** The earlier measures with a value, newest first, each oldest point first. */
  earlier: ReadonlyArray<readonly P[]>;
}

/**
 * An earlier measure's run without the periods after it that did not ask the question (no
 * answer at all, n = 0): it ended where its last period measured it, and its chart and heading
 * say so.
 */
function measuredPart<P extends TrendPoint>(run: readonly P[]): readonly P[] {
  let end = run.length;
  while (end > 1 && run[end - 1]!.value === null && run[end - 1]!.n === 0) end -= 1;
  return run.slice(0, end);
}

/**
 * The measures of a series.
 * @param breaks the periods (snapshot ids) that measured the metric otherwise than the one before
 */
export function measuresOf<P extends TrendPoint>(
  points: readonly P[],
  breaks: readonly string[],
): Measures<P> {
  const runs = measureRuns(points, breaks);
  const current = runs.at(-1)!;
  const hasValue = (run: readonly P[]) => run.some((p) => p.value !== null);
  return {
    current,
    currentHasValue: hasValue(current),
    drawn: hasValue(current) || runs.length === 1,
    since: runs.length > 1 ? (current[0]?.period ?? null) : null,
    earlier: runs.slice(0, -1).map(measuredPart).filter(hasValue).reverse(),
  };
}

/** "As measured from Q4 2024 to Q3 2026" (or "in Q3 2026"): an earlier measure's heading. */
export function measureHeading(run: readonly TrendPoint[]): string {
  const first = run[0]?.period ?? '';
  const last = run.at(-1)?.period ?? '';
  return run.length === 1 ? `As measured in ${first}` : `As measured from ${first} to ${last}`;
}

/**
 * The note above a series whose measure changed, e.g. "Measured as now since Q4 2026: …"; with
 * the metric's label first where no heading names it ("Satisfaction index: measured as now …").
 */
export function measureNote(measures: Measures<TrendPoint>, label?: string): string | null {
  if (measures.since === null) return null;
  const then = measures.earlier.length > 0 ? '; their values are under it, as then measured' : '';
  const line = measures.currentHasValue
    ? 'so its line starts there'
    : 'and there is no value since';
  const note = `measured as now since ${measures.since}: the periods before measured it otherwise (another scale, top box or currency), ${line}${then}.`;
  return label ? `${label}: ${note}` : `${note[0]!.toUpperCase()}${note.slice(1)}`;
}
