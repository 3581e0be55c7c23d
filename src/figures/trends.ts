/**
 * Trends: each metric's value in every period up to a review, with the change into each
 * period, and the same for every group (the trends and group pages). Only a re-arrangement of
 * the periods' figures: every change was tested when that period's figures were computed. A
 * review's own figures carry no trends (they would repeat every earlier period in every later
 * one); a draft's page gets them here, and a published version freezes the ones its page shows.
 */
import type {
  HistoryFigures,
  MetricFigures,
  ReviewFigures,
  TrendPoint,
} from '../contracts/figures-schema.ts';
import { FIGURES_FORMAT } from '../contracts/figures-schema.ts';
import { metricBases } from './comparability.ts';

/** What a period's figures say of how they measured each metric (comparability.ts's basis). */
export type Measured = Pick<
  ReviewFigures,
  'id' | 'metrics' | 'catalog' | 'questionnaire' | 'currency'
>;

type Figure = MetricFigures['overall'] & { change: MetricFigures['change'] };

function point(
  review: Pick<ReviewFigures, 'id' | 'period'>,
  figure: Figure | undefined,
): TrendPoint {
  return {
    snapshot: review.id,
    period: review.period,
    value: figure?.value ?? null,
    lower: figure?.lower ?? null,
    upper: figure?.upper ?? null,
    n: figure?.n ?? 0,
    base: figure?.base ?? 'suppressed',
    change: figure?.change
      ? { delta: figure.change.delta, significant: figure.change.significant }
      : null,
  };
}

/**
 * Each metric of `current` over the periods of `history` (oldest first, ending with current's
 * own figures), from its last break (measureBreaks: another scale, top box or currency than when
 * it was last measured): a line never joins two different measures.
 */
export function trendsOf(
  history: ReadonlyArray<Measured & Pick<ReviewFigures, 'period'>>,
  metricIds: readonly string[],
): ReviewFigures['trends'] {
  const trends: ReviewFigures['trends'] = {};
  const breaksOf = measureBreaks(history);
  for (const id of metricIds) {
    const points = history.map((review) => {
      const m = review.metrics[id];
      return point(review, m ? { ...m.overall, change: m.change } : undefined);
    });
    trends[id] = [...comparablePoints(points, breaksOf(id))];
  }
  return trends;
}

/**
 * The breaks of each metric's series over `reviews` (oldest first): the periods that measured
 * it otherwise (another scale, top box, index items or currency: its basis, comparability.ts)
 * than the last period before them that measured it. A period that did not measure it at all
 * is not one, and does not hide one: a question dropped for a quarter and asked again on
 * another scale starts a new series. Where the period before measured it, a break is exactly a
 * figure marked `redefined` (no change computed).
 * @returns the breaks of a metric id, oldest first
 */
export function measureBreaks(reviews: readonly Measured[]): (id: string) => string[] {
  const bases = reviews.map((r) =>
    metricBases(r.catalog, r.questionnaire.items, r.questionnaire.indexItems, r.currency ?? null),
  );
  return (id) => {
    const breaks: string[] = [];
    let last: string | undefined;
    reviews.forEach((review, i) => {
      if (!review.metrics[id]) return;
      const basis = bases[i]![id] ?? '';
      if (last !== undefined && basis !== last) breaks.push(review.id);
      last = basis;
    });
    return breaks;
  };
}

/**
 * A series' points in runs that each measure the metric alike, oldest first: a new run starts
 * at each of `breaks` (the periods that measured it otherwise than the one before). The last run
 * is the metric as measured now.
 */
export function measureRuns<P extends { snapshot: string }>(
  points: readonly P[],
  breaks: readonly string[],
): P[][] {
  const runs: P[][] = [[]];
  for (const p of points) {
    if (breaks.includes(p.snapshot) && runs.at(-1)!.length > 0) runs.push([]);
    runs.at(-1)!.push(p);
  }
  return runs;
}

/** The points a line of a series joins: those measured as its last period measures the metric. */
export function comparablePoints<P extends { snapshot: string }>(
  points: readonly P[],
  breaks: readonly string[],
): readonly P[] {
  return measureRuns(points, breaks).at(-1)!;
}

/**
 * How many periods a review's page shows its metrics over, its own the last: two years of
 * quarters. The trends page and each group's page hold the whole history; a review's page (its
 * charts and sparklines, and what a published version freezes of them) stays the same size
 * however long the history grows.
 */
export const REVIEW_TREND_PERIODS = 8;

/**
 * The figures with the trends of `metricIds` over the periods up to theirs, at most the last
 * REVIEW_TREND_PERIODS.
 * @param reviews every period's figures, oldest first; `figures`' own period among them (those
 *   after it are not read)
 * @throws when `figures`' period is not among `reviews`
 */
export function withTrends(
  figures: ReviewFigures,
  reviews: ReadonlyArray<Measured & Pick<ReviewFigures, 'period'>>,
  metricIds: readonly string[] = Object.keys(figures.metrics),
): ReviewFigures {
  const at = reviews.findIndex((r) => r.id === figures.id);
  if (at < 0) throw new Error(`withTrends requires the period of the figures (${figures.id})`);
  const from = Math.max(0, at + 1 - REVIEW_TREND_PERIODS);
  return { ...figures, trends: trendsOf([...reviews.slice(from, at), figures], metricIds) };
}

/** Every metric of the latest period across all periods, overall and per group. */
export function historyOf(reviews: readonly ReviewFigures[]): HistoryFigures {
  const latest = reviews.at(-1);
  const series: HistoryFigures['series'] = {};
  const segments: HistoryFigures['segments'] = {};
  for (const review of reviews) {
    for (const [dimension, info] of Object.entries(review.segments)) {
      const known = (segments[dimension] ??= { label: info.label, levels: [] });
      for (const level of info.levels) if (!known.levels.includes(level)) known.levels.push(level);
    }
  }
  const breaksOf = measureBreaks(reviews);
  for (const id of Object.keys(latest?.catalog ?? {})) {
    const bySegment: HistoryFigures['series'][string]['segments'] = {};
    for (const [dimension, info] of Object.entries(segments)) {
      bySegment[dimension] = {};
      for (const level of info.levels)
        bySegment[dimension][level] = reviews.map((review) =>
          point(review, review.metrics[id]?.segments[dimension]?.[level]),
        );
    }
    series[id] = {
      overall: reviews.map((review) => {
        const m = review.metrics[id];
        return point(review, m ? { ...m.overall, change: m.change } : undefined);
      }),
      segments: bySegment,
      breaks: breaksOf(id),
    };
  }
  return {
    format: FIGURES_FORMAT,
    periods: reviews.map((r) => ({ id: r.id, period: r.period })),
    catalog: latest?.catalog ?? {},
    targets: latest?.targets ?? {},
    segments,
    series,
  };
}
