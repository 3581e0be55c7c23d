/**
 * The figures of a reader's selection on the Explore page — levels of any dimensions, one
 * period or several pooled — from the published cells of those periods, with the report's own
 * code: the registry's survey metrics and their group-against-the-rest tests
 * (figures/survey-figures.ts), the key drivers (driver-figures.ts), the complaint categories
 * (complaint-figures.ts) and the comment themes (voice-figures.ts). It runs at build time (the
 * reference selections) and in the browser, on the same data, with the same functions.
 *
 * What a selection is: the responses of the selected periods whose cell has, on every filtered
 * dimension, one of the chosen levels. The rest is the responses whose cell is known to be
 * outside it (a filtered dimension's level is known and not chosen); responses whose level on
 * a filtered dimension is unknown or hidden are in neither. Weighting: every cell carries its
 * period's report weights, so a selection's weighted total is the population of its levels as
 * that period's weighting estimates it; pooled periods add their populations.
 *
 * Tests and adjustment: when the selection is one level of one dimension, it is tested against
 * the rest with the report's test and its p-value adjusted across that dimension's levels, as
 * the report does (the same function computes both); any other selection is one comparison,
 * adjusted for nothing, and the figures say so.
 */
import type { Adjustment } from '../contracts/fields.ts';
import type {
  DriverFigures,
  Estimate,
  GroupTest,
  MetricFigures,
  MetricInfo,
} from '../contracts/figures-schema.ts';
import type { NpsClass } from '../contracts/nps-classes.ts';
import { DEFAULT_THEMES } from '../contracts/theme-dictionary.ts';
import { applyMinimumBase, emptyEstimate, type MinimumBase } from '../metrics/estimate.ts';
import {
  metricsFor,
  type MetricSources,
  type RegistryContext,
  type SnapshotMetric,
} from '../metrics/registry/index.ts';
import { mergeComplaints, type ComplaintState } from '../reducing/complaint-state.ts';
import { createCustomerAnswers } from '../reducing/behaviour-state.ts';
import { poolCells, type SurveyCell, type SurveyState } from '../reducing/survey-state.ts';
import { mergeVoice, type VoiceState } from '../reducing/voice-state.ts';
import { complaintFigures } from './complaint-figures.ts';
import { driverFigures } from './driver-figures.ts';
import type { ExploreDimension, ExplorePeriod } from './explore-period.ts';
import { surveyFigures } from './survey-figures.ts';
import { voiceFigures } from './voice-figures.ts';

/** What a reader selected. */
export interface ExploreSelection {
  /** Snapshot ids of the periods pooled. */
  periods: string[];
  /** Dimension id → the chosen levels; a dimension absent, or with every level, is not filtered. */
  levels: Record<string, string[]>;
}

/** One survey metric of the selection, against the rest. */
export interface ExploreMetric {
  id: string;
  info: MetricInfo;
  estimate: Estimate;
  rest: Estimate;
  /** Null when either side is suppressed. */
  vsRest: GroupTest | null;
}

export interface ExploreTheme {
  theme: string;
  label: string;
  sentiment: 'problem' | 'praise';
  /** Share of the selection's comments mentioning it (the registry's theme metric). */
  share: Estimate;
  /** % of the detractors' and promoters' comments mentioning it; null below the minimum base. */
  detractors: number | null;
  promoters: number | null;
  /** Redacted comments of the selection (none below the minimum base of comments). */
  verbatims: Array<{ text: string; npsClass: NpsClass }>;
}

export interface ExploreFigures {
  /** The pooled periods, oldest first. */
  periods: Array<{ id: string; period: string }>;
  /** The dimensions filtered, with their chosen levels, in the data's order. */
  filters: Array<{ dimension: string; label: string; levels: string[] }>;
  /**
   * ok; empty: no published cell is in the selection (its groups are below the minimum base or
   * have no responses); no-period: no selected period has data; different-questionnaires: the
   * pooled periods asked different questions.
   */
  status: 'ok' | 'empty' | 'no-period' | 'different-questionnaires';
  /** Responses in the selection, in the rest, and in neither (level unknown or hidden). */
  responses: number;
  rest: number;
  unplaced: number;
  minimumBase: MinimumBase;
  /** The adjustment's family: the dimension whose levels it spans (null: none), its size. */
  family: { dimension: string | null; size: number; method: Adjustment };
  metrics: ExploreMetric[];
  drivers: Partial<Record<'satisfaction' | 'recommend', DriverFigures | null>>;
  /** Complaints of the selection's respondents' customers (null without tickets). */
  complaints: {
    complaints: number;
    tickets: number;
    categories: Array<{ category: string; complaints: number; share: number }>;
  } | null;
  /** Comment themes of the selection (null below the minimum base of comments). */
  voice: { comments: number; themes: ExploreTheme[] } | null;
}

/** The label a relabelled cell carries when it is in the selection, and the dimension's id. */
const IN = 'selected';
const OUT = 'rest';
const SELECTION = 'selection';
/** Verbatims shown per theme, and themes with verbatims. */
const VERBATIMS_PER_THEME = 2;

/** Every dimension of the periods, in first-seen order, with the union of their levels. */
export function dimensionsOf(
  periods: ReadonlyArray<Pick<ExplorePeriod, 'dimensions'>>,
): ExploreDimension[] {
  const byId = new Map<string, ExploreDimension>();
  for (const p of periods) {
    for (const d of p.dimensions) {
      const known = byId.get(d.id);
      if (!known) byId.set(d.id, { ...d, levels: [...d.levels] });
      else
        for (const level of d.levels) if (!known.levels.includes(level)) known.levels.push(level);
    }
  }
  return [...byId.values()];
}

/** The filtered dimensions of a selection: chosen levels in declared order, "all" dropped. */
export function filtersOf(
  dimensions: readonly ExploreDimension[],
  levels: Readonly<Record<string, readonly string[]>>,
): ExploreFigures['filters'] {
  return dimensions.flatMap((d) => {
    const chosen = d.levels.filter((l) => levels[d.id]?.includes(l));
    if (chosen.length === 0 || chosen.length === d.levels.length) return [];
    return [{ dimension: d.id, label: d.label, levels: chosen }];
  });
}

/** In the selection, known to be outside it, or neither. */
function placeOf(
  levels: Readonly<Record<string, string | undefined>>,
  filters: ExploreFigures['filters'],
): typeof IN | typeof OUT | undefined {
  let unknown = false;
  for (const { dimension, levels: chosen } of filters) {
    const level = levels[dimension];
    if (level === undefined) unknown = true;
    else if (!chosen.includes(level)) return OUT;
  }
  return unknown ? undefined : IN;
}

/** Same questions on the same scales: periods whose responses may be pooled. */
function sameQuestionnaire(periods: readonly ExplorePeriod[]): boolean {
  const key = (p: ExplorePeriod) => JSON.stringify([p.questionnaire, p.config.items]);
  return periods.every((p) => key(p) === key(periods[0]!));
}

const suppressedOf = (rule: MinimumBase) => applyMinimumBase(emptyEstimate(0, 0, 0), rule);

/** The estimate of a group's figure, without its tests. */
function estimateOf(e: Estimate): Estimate {
  const { value, lower, upper, se, n, nEffective, missing, base } = e;
  return { value, lower, upper, se, n, nEffective, missing, base };
}

/**
 * The figures of a selection.
 * @param data the periods, or only the selected ones with `dimensions` given
 * @param dimensions every period's dimensions (`dimensionsOf` over all of them), which name and
 *   order the selection's filters; by default those of `data`
 */
export function exploreFigures(
  data: readonly ExplorePeriod[],
  selection: ExploreSelection,
  dimensions: readonly ExploreDimension[] = dimensionsOf(data),
): ExploreFigures {
  const steps = exploreFigureSteps(data, selection, dimensions);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * exploreFigures in steps: the survey metrics, the drivers, then complaints and comments, with a
 * pause between each (a browser gives the reader's input its turn there). The figures are those
 * of exploreFigures, which runs the steps without pausing.
 */
export function* exploreFigureSteps(
  data: readonly ExplorePeriod[],
  selection: ExploreSelection,
  dimensions: readonly ExploreDimension[] = dimensionsOf(data),
): Generator<void, ExploreFigures> {
  const periods = data.filter((p) => selection.periods.includes(p.id));
  const filters = filtersOf(dimensions, selection.levels);
  const latest = periods.at(-1);
  // The strictest rule of the pooled periods.
  const rule: MinimumBase = {
    suppress: Math.max(0, ...periods.map((p) => p.minimumBase.suppress)),
    flag: Math.max(0, ...periods.map((p) => p.minimumBase.flag)),
  };
  const base: ExploreFigures = {
    periods: periods.map(({ id, period }) => ({ id, period })),
    filters,
    status: 'ok',
    responses: 0,
    rest: 0,
    unplaced: 0,
    minimumBase: rule,
    family: { dimension: null, size: 1, method: latest?.adjustment ?? 'holm' },
    metrics: [],
    drivers: {},
    complaints: null,
    voice: null,
  };
  if (!latest) return { ...base, status: 'no-period' };
  if (!sameQuestionnaire(periods)) return { ...base, status: 'different-questionnaires' };
  const questionnaire = latest.questionnaire;

  // One level of one dimension: the report's family, that dimension's levels.
  const single = filters.length === 1 && filters[0]!.levels.length === 1 ? filters[0]! : null;
  const dimension = single ? single.dimension : SELECTION;
  const target = single ? single.levels[0]! : IN;
  const familyLevels = single ? dimensions.find((d) => d.id === single.dimension)!.levels : [IN];
  const labelOf = (levels: Readonly<Record<string, string | undefined>>) =>
    single ? levels[single.dimension] : placeOf(levels, filters);

  const state: SurveyState = { config: latest.config, cells: new Map() };
  const complaints: ComplaintState[] = [];
  let responses = 0;
  let rest = 0;
  let unplaced = 0;
  for (const p of periods) {
    p.cells.forEach(({ cell, complaints: c }, i) => {
      const label = labelOf(cell.levels);
      const place = placeOf(cell.levels, filters);
      if (place === IN) {
        responses += cell.responses;
        if (c) complaints.push(c);
      } else if (place === OUT) rest += cell.responses;
      else unplaced += cell.responses;
      state.cells.set(`${p.id}\u0000${i}`, { ...cell, levels: { [dimension]: label } });
    });
  }
  if (responses === 0) return { ...base, status: 'empty', rest, unplaced };

  const ctx: RegistryContext = {
    questionnaire,
    tables: new Set(latest.tables),
    themes: THEMES,
  };
  const all = metricsFor(ctx);
  const survey = all.filter((m) => m.instance.scope === 'survey');
  const figures = surveyFigures(state, survey, {
    questionnaire,
    rule,
    levels: { [dimension]: familyLevels },
    adjustment: latest.adjustment,
    alpha: latest.significanceLevel,
  });
  const inSelection = (c: SurveyCell) => c.levels[dimension] === target;
  const inRest = (c: SurveyCell) =>
    c.levels[dimension] !== undefined && c.levels[dimension] !== target;
  const pooled = poolCells(state, inSelection);
  const restSlice = { cell: poolCells(state, inRest), questionnaire, rule };
  const metrics: ExploreMetric[] = survey.flatMap(({ instance, info }) => {
    if (instance.scope !== 'survey') return [];
    const figure = figures[instance.id]!.segments[dimension]![target]!;
    return [
      {
        id: instance.id,
        info,
        estimate: estimateOf(figure),
        rest: instance.compute(restSlice),
        vsRest: figure.vsRest,
      },
    ];
  });
  const byId: Record<string, MetricFigures> = {};
  for (const m of metrics)
    byId[m.id] = {
      overall: m.estimate,
      change: null,
      significantButIndicative: false,
      segments: {},
    };
  yield;
  const drivers = driverFigures(pooled, questionnaire, rule, byId, { bootstrap: false }).figures;
  yield;
  return {
    ...base,
    responses,
    rest,
    unplaced,
    family: {
      dimension: single ? single.dimension : null,
      size: familyLevels.length,
      method: latest.adjustment,
    },
    metrics,
    drivers,
    complaints: complaintsOf(periods, complaints),
    voice: voiceOf(periods, filters, all, { questionnaire, rule }),
  };
}

const THEMES: RegistryContext['themes'] = Object.entries(DEFAULT_THEMES).map(([id, t]) => ({
  id,
  label: t.label,
  sentiment: t.sentiment ?? 'problem',
}));

/** The complaint categories of the selection, in Pareto order. */
function complaintsOf(
  periods: readonly ExplorePeriod[],
  states: readonly ComplaintState[],
): ExploreFigures['complaints'] {
  if (periods.every((p) => p.cells.every((c) => c.complaints === null))) return null;
  if (states.length === 0) return { complaints: 0, tickets: 0, categories: [] };
  const merged = states.reduce(mergeComplaints);
  const { figures } = complaintFigures(merged, null, createCustomerAnswers());
  return {
    complaints: figures.complaints,
    tickets: figures.tickets,
    categories: figures.pareto.map(({ category, complaints, share }) => ({
      category,
      complaints,
      share,
    })),
  };
}

/** The comment themes of the selection's comment cells, with the registry's theme shares. */
function voiceOf(
  periods: readonly ExplorePeriod[],
  filters: ExploreFigures['filters'],
  metrics: readonly SnapshotMetric[],
  context: { questionnaire: ExplorePeriod['questionnaire']; rule: MinimumBase },
): ExploreFigures['voice'] {
  const states: VoiceState[] = [];
  for (const p of periods) {
    for (const v of p.voice) {
      const levels: Record<string, string | undefined> = {};
      p.config.dimensions.forEach((d, i) => (levels[d] = v.levels[i]));
      if (placeOf(levels, filters) === IN) states.push(v.state);
    }
  }
  if (states.length === 0) return null;
  const state = states.reduce(mergeVoice);
  const { rule } = context;
  const voice = voiceFigures(state, DEFAULT_THEMES, rule);
  if (voice.comments < rule.suppress) return null;
  const sources: MetricSources = {
    ...context,
    behaviour: null,
    complaints: null,
    voice,
    competitor: null,
    customers: null,
    drivers: {},
  };
  const shareOf = (theme: string) => {
    const metric = metrics.find((m) => m.instance.id === `theme_${theme}`);
    const estimate =
      metric?.instance.scope === 'snapshot' ? metric.instance.compute(sources) : null;
    return estimate ?? suppressedOf(rule);
  };
  const shown = (pct: number | null, n: number) => (n >= rule.suppress ? pct : null);
  return {
    comments: voice.comments,
    themes: voice.themes
      .filter((t) => t.mentions > 0)
      .map((t) => ({
        theme: t.theme,
        label: t.label,
        sentiment: DEFAULT_THEMES[t.theme]?.sentiment ?? 'problem',
        share: shareOf(t.theme),
        detractors: shown(t.detractors, voice.byClass.detractor),
        promoters: shown(t.promoters, voice.byClass.promoter),
        verbatims: t.verbatims
          .slice(0, VERBATIMS_PER_THEME)
          .map(({ text, npsClass }) => ({ text, npsClass })),
      })),
  };
}
