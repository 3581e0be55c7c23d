/**
 * Why a group fell: the drill-down assembled for each flagged decline of a group (issue 15
 * item 3) from that group's own data against the rest of its dimension — its driver items'
 * top-box shares with their adjusted tests, its complaint categories, its detractors' comment
 * themes with redacted verbatims from that group, and its operational links (late deliveries,
 * ticket resolution times) where orders carry the group. Every share passes the minimum base.
 * Pure.
 */
import type { DrillDown, GroupComparison, ReviewFigures } from '../contracts/figures-schema.ts';
import type { ThemeDictionary } from '../contracts/theme-dictionary.ts';
import type { MinimumBase } from '../metrics/estimate.ts';
import { topBoxMetricOf } from '../metrics/registry/index.ts';
import { SIGNIFICANCE_LEVEL } from '../metrics/significance.ts';
import type { BehaviourState } from '../reducing/behaviour-state.ts';
import type { ComplaintState } from '../reducing/complaint-state.ts';
import type { VoiceState } from '../reducing/voice-state.ts';
import { holm } from '../statistics/p-adjust.ts';
import { quantileOfCounts } from '../statistics/quantile-interval.ts';
import { compareShares, share } from './behaviour-figures.ts';
import { quote } from './voice-figures.ts';

/** What a drill-down is assembled from. */
export interface DrillDownSources {
  figures: Pick<ReviewFigures, 'metrics' | 'questionnaire' | 'drivers' | 'segments'>;
  voice: VoiceState;
  themes: ThemeDictionary;
  behaviour: BehaviourState | null;
  complaints: ComplaintState | null;
  rule: MinimumBase;
}

type Segment = { dimension: string; level: string };

/** The drill-down of one group. */
export function drillDownFor(sources: DrillDownSources, segment: Segment): DrillDown {
  const { figures } = sources;
  const inGroup = groupOf(sources.behaviour, segment.dimension);
  return {
    group: { ...segment, label: figures.segments[segment.dimension]?.label ?? segment.dimension },
    drivers: driverRows(figures, segment),
    complaints: complaintRows(sources, segment, inGroup),
    themes: themeRows(sources, segment),
    operational: {
      lateDelivery: lateDelivery(sources, segment, inGroup),
      resolution: resolution(sources, segment, inGroup),
    },
  };
}

/**
 * A customer's level of the dimension by id, from the groups their orders carry (undefined when
 * unknown); null when no order carries the dimension at all.
 */
function groupOf(
  behaviour: BehaviourState | null,
  dimension: string,
): ((customerId: string) => string | undefined) | null {
  if (!behaviour || !behaviour.segments.some((s) => s[dimension] !== undefined)) return null;
  return (id) => {
    const row = behaviour.customers.find(id);
    return row < 0 ? undefined : behaviour.segments[row]![dimension];
  };
}

function driverRows(figures: DrillDownSources['figures'], segment: Segment): DrillDown['drivers'] {
  const grid = (figures.drivers.satisfaction ?? figures.drivers.recommend)?.grid ?? [];
  const rows = figures.questionnaire.drivers.flatMap((driver) => {
    const metricId = topBoxMetricOf(figures.questionnaire, driver);
    const figure = figures.metrics[metricId]?.segments[segment.dimension]?.[segment.level];
    if (!figure) return [];
    const item = figures.questionnaire.items.find((i) => i.id === driver);
    return [
      {
        metricId,
        label: item?.label ?? driver,
        importance: grid.find((p) => p.driver === driver)?.importance ?? null,
        group: figure.value,
        rest: figure.value !== null && figure.vsRest ? figure.value - figure.vsRest.delta : null,
        n: figure.n,
        base: figure.base,
        vsRest: figure.vsRest,
      },
    ];
  });
  return rows.sort(
    (a, b) => (b.importance ?? -1) - (a.importance ?? -1) || a.label.localeCompare(b.label),
  );
}

/** Rows of a category family, each group against rest, Holm-adjusted across the tested ones. */
function adjustedRows<T extends { comparison: GroupComparison }>(
  rows: T[],
): Array<T & { pAdjusted: number | null; significant: boolean }> {
  const tested = rows.filter((r) => r.comparison.p !== null);
  const adjusted = holm(tested.map((r) => r.comparison.p!));
  return rows.map((r) => {
    const i = tested.indexOf(r);
    const pAdjusted = i >= 0 ? adjusted[i]! : null;
    return { ...r, pAdjusted, significant: pAdjusted !== null && pAdjusted < SIGNIFICANCE_LEVEL };
  });
}

/** Readers' names of the two sides: the level, and the other levels of its dimension. */
function labels(sources: DrillDownSources, segment: Segment): [string, string] {
  const dimension = sources.figures.segments[segment.dimension]?.label ?? segment.dimension;
  return [segment.level, `Other levels of ${dimension}`];
}

function complaintRows(
  sources: DrillDownSources,
  segment: Segment,
  inGroup: ReturnType<typeof groupOf>,
): DrillDown['complaints'] {
  if (!sources.complaints || !inGroup) return null;
  const group: Record<string, number> = {};
  const rest: Record<string, number> = {};
  let groupTotal = 0;
  let restTotal = 0;
  for (const [id, tickets] of sources.complaints.byCustomer) {
    const level = inGroup(id);
    if (level === undefined) continue;
    const into = level === segment.level ? group : rest;
    for (const [category, n] of Object.entries(tickets.complaints)) {
      into[category] = (into[category] ?? 0) + n;
      if (level === segment.level) groupTotal += n;
      else restTotal += n;
    }
  }
  const categories = [...new Set([...Object.keys(group), ...Object.keys(rest)])].sort(
    (a, b) => (group[b] ?? 0) - (group[a] ?? 0) || a.localeCompare(b),
  );
  return {
    group: groupTotal,
    rest: restTotal,
    categories: adjustedRows(
      categories.map((category) => ({
        key: category,
        label: category,
        comparison: compareShares(
          labels(sources, segment),
          share(group[category] ?? 0, groupTotal),
          share(rest[category] ?? 0, restTotal),
          sources.rule,
        ),
      })),
    ),
  };
}

function themeRows(sources: DrillDownSources, segment: Segment): DrillDown['themes'] {
  const levels = sources.voice.groups[segment.dimension] ?? {};
  const own = levels[segment.level];
  const others = Object.entries(levels).filter(([level]) => level !== segment.level);
  const groupTotal = own?.comments.detractor ?? 0;
  const restTotal = others.reduce((n, [, g]) => n + g.comments.detractor, 0);
  // Problem themes only: praise among detractors explains no decline.
  const themes = Object.keys(sources.voice.mentions).filter(
    (t) => (sources.themes[t]?.sentiment ?? 'problem') === 'problem',
  );
  const rows = adjustedRows(
    themes.map((theme) => ({
      key: theme,
      label: sources.themes[theme]?.label ?? theme,
      comparison: compareShares(
        labels(sources, segment),
        share(own?.mentions[theme]?.detractor ?? 0, groupTotal),
        share(
          others.reduce((n, [, g]) => n + (g.mentions[theme]?.detractor ?? 0), 0),
          restTotal,
        ),
        sources.rule,
      ),
      // Verbatims only where the group's share is shown: never quotes from a suppressed base.
      verbatims:
        groupTotal >= sources.rule.suppress
          ? (own?.samples[theme]?.detractor ?? []).map(quote)
          : [],
    })),
  );
  rows.sort(
    (a, b) =>
      (b.comparison.a.value ?? -1) - (a.comparison.a.value ?? -1) || a.key.localeCompare(b.key),
  );
  return { group: groupTotal, rest: restTotal, rows };
}

function lateDelivery(
  sources: DrillDownSources,
  segment: Segment,
  inGroup: ReturnType<typeof groupOf>,
): GroupComparison | null {
  const behaviour = sources.behaviour;
  if (!behaviour || !inGroup) return null;
  const { data, stride, at } = behaviour.customers;
  const group = { late: 0, delivered: 0 };
  const rest = { late: 0, delivered: 0 };
  for (let row = 0; row < behaviour.customers.size; row++) {
    const level = behaviour.segments[row]![segment.dimension];
    if (level === undefined) continue;
    const into = level === segment.level ? group : rest;
    into.late += data[row * stride + at.late]!;
    into.delivered += data[row * stride + at.delivered]!;
  }
  if (group.delivered + rest.delivered === 0) return null;
  return compareShares(
    labels(sources, segment),
    share(group.late, group.delivered),
    share(rest.late, rest.delivered),
    sources.rule,
  );
}

function resolution(
  sources: DrillDownSources,
  segment: Segment,
  inGroup: ReturnType<typeof groupOf>,
): DrillDown['operational']['resolution'] {
  if (!sources.complaints || !inGroup) return null;
  const group = new Map<number, number>();
  const rest = new Map<number, number>();
  let any = false;
  for (const [id, tickets] of sources.complaints.byCustomer) {
    const level = inGroup(id);
    if (level === undefined) continue;
    any = true;
    const into = level === segment.level ? group : rest;
    for (const m of tickets.resolution) into.set(m, (into.get(m) ?? 0) + 1);
  }
  if (!any) return null;
  return { group: times(group, sources.rule), rest: times(rest, sources.rule) };
}

/** Median and p90 in hours over a count map of minutes; null below the minimum base. */
function times(
  counts: ReadonlyMap<number, number>,
  rule: MinimumBase,
): { median: number | null; p90: number | null; n: number } {
  let n = 0;
  for (const c of counts.values()) n += c;
  if (n < rule.suppress || n === 0) return { median: null, p90: null, n };
  return { median: quantileOfCounts(counts, 0.5) / 60, p90: quantileOfCounts(counts, 0.9) / 60, n };
}
