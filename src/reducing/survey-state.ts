/**
 * The survey side of a snapshot as one mergeable state: per weighting cell (a combination of
 * segment levels), a histogram per questionnaire item, the satisfaction index's moments,
 * competitor counts and the key-driver cross-products. Memory grows with cells × scale points,
 * not with rows; a snapshot split across files, threads or machines merges exactly, and
 * weighting is applied per cell when figures are computed.
 *
 * `addSurveyRow` is the plain reducer of one canonical row. The loader's row loop adds its
 * records through fast/survey-records.ts instead, property-tested to give the same state.
 */
import type { SurveyRow } from '../contracts/row-types.ts';
import type { Questionnaire } from '../contracts/questionnaire.ts';
import {
  addDriverRow,
  createDriverState,
  mergeDriverStates,
  scaleDriverState,
  type DriverState,
} from './driver-state.ts';
import {
  addToHistogram,
  createHistogram,
  mergeHistograms,
  scaleHistogram,
  type ItemHistogram,
} from './histogram.ts';
import { respondentIndex, type IndexItem } from './satisfaction-index.ts';
import {
  addMoment,
  createMoments,
  mergeMoments,
  scaleMoments,
  type MomentsState,
} from './weighted-moments.ts';

/** What the survey reducer needs of the questionnaire and the manifest. */
export interface SurveyConfig {
  /** Every item, in questionnaire order, with its histogram's scale. */
  items: ReadonlyArray<{ id: string; scale: readonly [number, number]; steps: number }>;
  /** Items of the satisfaction index. */
  indexItems: readonly string[];
  /** Segment dimensions, in a fixed order (it defines the cell key). */
  dimensions: readonly string[];
  /** Items analysed as drivers (may be empty). */
  drivers: readonly string[];
  /** Items whose drivers are analysed (the satisfaction and recommend items present). */
  outcomes: readonly string[];
}

/** The survey configuration of a questionnaire and the manifest's segment dimensions. */
export function surveyConfigOf(q: Questionnaire, dimensions: readonly string[]): SurveyConfig {
  return {
    items: q.items.map(({ id, scale, steps }) => ({ id, scale, steps })),
    indexItems: q.indexItems,
    dimensions,
    drivers: q.drivers,
    outcomes: q.outcomes,
  };
}

export interface SurveyCell {
  /** Segment levels of the cell; undefined = the response had no level for that dimension. */
  levels: Record<string, string | undefined>;
  responses: number;
  /** Item id → histogram of its answers. */
  items: Record<string, ItemHistogram>;
  index: MomentsState;
  indexMissing: number;
  competitor: { better: number; same: number; worse: number; missing: number };
  /** Outcome item id → cross-products of the drivers and that outcome. */
  drivers: Record<string, DriverState>;
}

export interface SurveyState {
  config: SurveyConfig;
  /** Cell key (see cellKeyOf) → cell. */
  cells: Map<string, SurveyCell>;
}

/** An empty survey state. */
export function createSurveyState(config: SurveyConfig): SurveyState {
  return { config, cells: new Map() };
}

/**
 * The key of a cell: its levels in the configuration's dimension order. Every reducer of the
 * same configuration makes the same key, so states merge cell by cell.
 */
export function cellKeyOf(levels: ArrayLike<string | undefined>): string {
  let key = '';
  for (let i = 0; i < levels.length; i++) key += `${levels[i] ?? '\u0000'}\u0001`;
  return key;
}

/** Index items present in the questionnaire, with their scales. */
export function indexItemsOf(config: SurveyConfig): Array<{ id: string } & IndexItem> {
  return config.indexItems.flatMap((id) => {
    const item = config.items.find((i) => i.id === id);
    return item ? [{ id, min: item.scale[0], max: item.scale[1] }] : [];
  });
}

/** A new cell for the given levels, with an empty histogram per item. */
export function createCell(
  config: SurveyConfig,
  levels: Record<string, string | undefined>,
): SurveyCell {
  const items: Record<string, ItemHistogram> = {};
  for (const { id, scale, steps } of config.items)
    items[id] = createHistogram(scale[0], scale[1], steps);
  const drivers: Record<string, DriverState> = {};
  const present = config.drivers.filter((d) => items[d]);
  if (present.length > 0)
    for (const outcome of config.outcomes)
      if (items[outcome]) drivers[outcome] = createDriverState(present, outcome);
  return {
    levels,
    responses: 0,
    items,
    index: createMoments(),
    indexMissing: 0,
    competitor: { better: 0, same: 0, worse: 0, missing: 0 },
    drivers,
  };
}

/** Adds one validated response (mutates and returns the state). */
export function addSurveyRow(state: SurveyState, row: SurveyRow): SurveyState {
  const { config } = state;
  const levels = config.dimensions.map((d) => row.segments[d]);
  const key = cellKeyOf(levels);
  let cell = state.cells.get(key);
  if (!cell) {
    const named: Record<string, string | undefined> = {};
    config.dimensions.forEach((d, i) => (named[d] = levels[i]));
    cell = createCell(config, named);
    state.cells.set(key, cell);
  }
  cell.responses += 1;
  for (const { id } of config.items) addToHistogram(cell.items[id]!, row.answers[id]);
  const indexItems = indexItemsOf(config);
  const answers = Float64Array.from(indexItems, ({ id }) => row.answers[id] ?? NaN);
  const index = respondentIndex(
    indexItems,
    answers,
    indexItems.map((_, i) => i),
  );
  if (index === undefined) cell.indexMissing += 1;
  else addMoment(cell.index, index);
  if (row.competitor) cell.competitor[row.competitor] += 1;
  else cell.competitor.missing += 1;
  for (const driverState of Object.values(cell.drivers)) addDriverRow(driverState, row.answers);
  return state;
}

/** Combines two cells of the same configuration exactly (pure); the levels are a's. */
export function mergeCells(a: SurveyCell, b: SurveyCell): SurveyCell {
  const items: Record<string, ItemHistogram> = {};
  for (const [id, h] of Object.entries(a.items)) {
    const other = b.items[id];
    items[id] = other ? mergeHistograms(h, other) : h;
  }
  const drivers: Record<string, DriverState> = { ...a.drivers };
  for (const [outcome, d] of Object.entries(b.drivers)) {
    const existing = drivers[outcome];
    drivers[outcome] = existing ? mergeDriverStates(existing, d) : d;
  }
  return {
    levels: a.levels,
    responses: a.responses + b.responses,
    items,
    index: mergeMoments(a.index, b.index),
    indexMissing: a.indexMissing + b.indexMissing,
    competitor: {
      better: a.competitor.better + b.competitor.better,
      same: a.competitor.same + b.competitor.same,
      worse: a.competitor.worse + b.competitor.worse,
      missing: a.competitor.missing + b.competitor.missing,
    },
    drivers,
  };
}

/** Combines two states of the same configuration exactly (pure). */
export function mergeSurveyStates(a: SurveyState, b: SurveyState): SurveyState {
  const cells = new Map(a.cells);
  for (const [key, cell] of b.cells) {
    const existing = cells.get(key);
    cells.set(key, existing ? mergeCells(existing, cell) : cell);
  }
  return { config: a.config, cells };
}

/** Gives every response of a cell the weight w. */
export function scaleCell(cell: SurveyCell, w: number): SurveyCell {
  const items: Record<string, ItemHistogram> = {};
  for (const [id, h] of Object.entries(cell.items)) items[id] = scaleHistogram(h, w);
  const drivers: Record<string, DriverState> = {};
  for (const [outcome, d] of Object.entries(cell.drivers))
    drivers[outcome] = scaleDriverState(d, w);
  return { ...cell, items, index: scaleMoments(cell.index, w), drivers };
}

/**
 * Pools the cells that pass `include`, each scaled by its weight (1 when unweighted).
 * Returns null when no cell matches.
 */
export function poolCells(
  state: SurveyState,
  include: (cell: SurveyCell) => boolean,
  weightOf: (cell: SurveyCell) => number = () => 1,
): SurveyCell | null {
  let pooled: SurveyCell | null = null;
  for (const cell of state.cells.values()) {
    if (!include(cell)) continue;
    const w = weightOf(cell);
    const scaled = w === 1 ? cell : scaleCell(cell, w);
    pooled = pooled ? mergeCells(pooled, scaled) : scaled;
  }
  return pooled;
}
