/**
 * The survey side of a snapshot as one mergeable state: per weighting cell (a combination of
 * segment levels), a histogram per item, the index moments and competitor counts. Memory grows
 * with cells × scale points, not with rows; a snapshot split across files or machines merges
 * exactly, and weighting is applied per cell at result time.
 */
import { SURVEY_ITEMS, type SurveyItem } from '../contracts/fields.ts';
import { RecentWeakMap } from './recent-weak-map.ts';
import type { SurveyRow } from '../contracts/row-types.ts';
import {
  addToHistogram,
  createHistogram,
  mergeHistograms,
  scaleHistogram,
  type ItemHistogram,
} from './histogram.ts';
import {
  addDriverValues,
  addDriverValuesToBoth,
  createDriverState,
  mergeDriverStates,
  scaleDriverState,
  type DriverState,
} from './driver-state.ts';
import { respondentIndex, type IndexItem } from './satisfaction-index.ts';
import {
  addMoment,
  createMoments,
  mergeMoments,
  scaleMoments,
  type MomentsState,
} from './weighted-moments.ts';

export interface SurveyConfig {
  /** Scale of each item present in the snapshot; `steps` = k for the mean of k questions. */
  items: Partial<Record<SurveyItem, { scale: [number, number]; steps?: number }>>;
  /** Items of the satisfaction index (only those present in `items` are used). */
  indexItems: readonly SurveyItem[];
  /** Segment dimensions, in a fixed order (it defines the cell key). */
  dimensions: readonly string[];
  /** Items analysed as drivers of satisfaction and of recommend (may be empty). */
  drivers?: readonly SurveyItem[];
}

/** The outcomes key-driver analysis explains. */
export const DRIVER_OUTCOMES = [
  'satisfaction',
  'recommend',
] as const satisfies readonly SurveyItem[];

export interface SurveyCell {
  /** Segment levels of the cell; undefined = the response had no level for that dimension. */
  levels: Record<string, string | undefined>;
  responses: number;
  items: Partial<Record<SurveyItem, ItemHistogram>>;
  index: MomentsState;
  indexMissing: number;
  competitor: { better: number; same: number; worse: number; missing: number };
  /** Outcome → cross-product state of the drivers and that outcome. */
  drivers: Partial<Record<SurveyItem, DriverState>>;
}

export interface SurveyState {
  config: SurveyConfig;
  cells: Map<string, SurveyCell>;
}

// Derived once per configuration, not once per row.
const derivedConfigs = new RecentWeakMap<SurveyConfig, DerivedConfig>();

/** An empty survey state. */
export function createSurveyState(config: SurveyConfig): SurveyState {
  return { config, cells: new Map() };
}

/** Cell key of a set of levels: one entry per dimension, in config order. */
export function cellKey(
  dimensions: readonly string[],
  levels: Record<string, string | undefined>,
): string {
  return JSON.stringify(dimensions.map((d) => levels[d] ?? null));
}

function createCell(config: SurveyConfig, levels: Record<string, string | undefined>): SurveyCell {
  const items: Partial<Record<SurveyItem, ItemHistogram>> = {};
  for (const [item, def] of Object.entries(config.items) as [
    SurveyItem,
    { scale: [number, number]; steps?: number },
  ][]) {
    items[item] = createHistogram(def.scale[0], def.scale[1], def.steps);
  }
  return {
    levels,
    responses: 0,
    items,
    index: createMoments(),
    indexMissing: 0,
    competitor: { better: 0, same: 0, worse: 0, missing: 0 },
    drivers: driverStates(config),
  };
}

function driverStates(config: SurveyConfig): Partial<Record<SurveyItem, DriverState>> {
  const drivers = (config.drivers ?? []).filter((d) => config.items[d]);
  const states: Partial<Record<SurveyItem, DriverState>> = {};
  if (drivers.length === 0) return states;
  for (const outcome of DRIVER_OUTCOMES) {
    if (config.items[outcome]) states[outcome] = createDriverState(drivers, outcome);
  }
  return states;
}

/**
 * What every response needs from the configuration, derived once: a response's scores are read
 * once into `answers` (position i = histogramItems[i], NaN when missing), and the index and
 * drivers read them by position rather than looking each item up by name.
 */
interface DerivedConfig {
  /** Index items present and their scales. */
  items: IndexItem[];
  /** Items with a histogram in every cell. */
  histogramItems: SurveyItem[];
  /** This response's scores by position (reused from response to response). */
  answers: Float64Array;
  /** Position in `answers` of index item i. */
  indexAt: Int32Array;
  /** Outcome → positions in `answers` of its driver state's variables. */
  driverPositions: Array<[SurveyItem, Int32Array]>;
  /** Two driver states of the same drivers (the two outcomes): added to in one pass. */
  pairedDrivers: boolean;
  /** Position in SURVEY_ITEMS of histogramItems[i], for rows that carry positional scores. */
  canonicalAt: Int32Array;
}

function derivedConfig(config: SurveyConfig): DerivedConfig {
  let cached = derivedConfigs.get(config);
  if (!cached) {
    const pairs = computeIndexItems(config);
    const histogramItems = Object.keys(config.items) as SurveyItem[];
    const answers = new Float64Array(histogramItems.length);
    const positions = (variables: readonly string[]) =>
      Int32Array.from(variables, (v) => histogramItems.indexOf(v as SurveyItem));
    const driverPositions = Object.entries(driverStates(config)).map(
      ([outcome, state]): [SurveyItem, Int32Array] => [
        outcome as SurveyItem,
        positions(state.variables),
      ],
    );
    cached = {
      items: pairs.map(([, def]) => def),
      histogramItems,
      answers,
      indexAt: Int32Array.from(pairs, ([item]) => histogramItems.indexOf(item)),
      driverPositions,
      pairedDrivers:
        driverPositions.length === 2 &&
        driverPositions[0]![1].length === driverPositions[1]![1].length &&
        driverPositions[0]![1].every(
          (at, i, all) => i === all.length - 1 || at === driverPositions[1]![1][i],
        ),
      canonicalAt: Int32Array.from(histogramItems, (item) => SURVEY_ITEMS.indexOf(item)),
    };
    derivedConfigs.set(config, cached);
  }
  return cached;
}

function computeIndexItems(config: SurveyConfig): Array<[SurveyItem, IndexItem]> {
  return config.indexItems.flatMap((item) => {
    const def = config.items[item];
    return def ? [[item, { min: def.scale[0], max: def.scale[1] }] as [SurveyItem, IndexItem]] : [];
  });
}

/** A cell with its histograms and driver states by position, for the per-response loop. */
interface CellSlot {
  cell: SurveyCell;
  /** Histogram of histogramItems[i]. */
  histograms: ItemHistogram[];
  /** Driver state of driverPositions[i]'s outcome. */
  drivers: DriverState[];
}

// Levels → cell, one small Map per dimension: a response finds its cell without building the
// cell's key string (the key is built once per cell, when the cell is first met).
type CellTree = Map<string | undefined, CellTree | CellSlot>;
const cellTrees = new RecentWeakMap<SurveyState, CellTree>();

/** A row's level of dimension i: positional when the row has levels (an array read). */
function levelOf(row: SurveyRow, dimensions: readonly string[], i: number): string | undefined {
  return row.levels ? row.levels[i] : row.segments[dimensions[i]!];
}

function cellOf(state: SurveyState, row: SurveyRow): CellSlot {
  const { dimensions } = state.config;
  let tree = cellTrees.get(state);
  if (!tree) {
    tree = new Map();
    cellTrees.set(state, tree);
  }
  let node = tree;
  for (let i = 0; i < dimensions.length - 1; i++) {
    const level = levelOf(row, dimensions, i);
    let next = node.get(level) as CellTree | undefined;
    if (!next) {
      next = new Map();
      node.set(level, next);
    }
    node = next;
  }
  const last = dimensions.length > 0 ? levelOf(row, dimensions, dimensions.length - 1) : undefined;
  let slot = node.get(last) as CellSlot | undefined;
  if (!slot) {
    let key = '';
    for (let i = 0; i < dimensions.length; i++)
      key += `${levelOf(row, dimensions, i) ?? '\u0000'}\u0001`;
    let cell = state.cells.get(key);
    if (!cell) {
      const cellLevels: Record<string, string | undefined> = {};
      dimensions.forEach((d, i) => (cellLevels[d] = levelOf(row, dimensions, i)));
      cell = createCell(state.config, cellLevels);
      state.cells.set(key, cell);
    }
    const derived = derivedConfig(state.config);
    slot = {
      cell,
      histograms: derived.histogramItems.map((item) => cell.items[item]!),
      drivers: derived.driverPositions.map(([outcome]) => cell.drivers[outcome]!),
    };
    node.set(last, slot);
  }
  return slot;
}

/** Position of each item in SURVEY_ITEMS (a row's positional scores). */
const SCORE_POSITION = Object.fromEntries(SURVEY_ITEMS.map((item, i) => [item, i])) as Record<
  SurveyItem,
  number
>;

/** A row's score of one item, from its positional scores when it has them. */
export function scoreOf(row: SurveyRow, item: SurveyItem): number | undefined {
  if (!row.scores) return row.items[item];
  const value = row.scores[SCORE_POSITION[item]]!;
  return Number.isNaN(value) ? undefined : value;
}

/** Adds one validated response (mutates and returns the state). */
export function addSurveyRow(state: SurveyState, row: SurveyRow): SurveyState {
  const slot = cellOf(state, row);
  const { cell, histograms, drivers } = slot;
  cell.responses += 1;
  // This runs once per response: plain loops over positions derived once per configuration.
  const {
    items: indexDefs,
    histogramItems,
    answers,
    indexAt,
    driverPositions,
    pairedDrivers,
    canonicalAt,
  } = derivedConfig(state.config);
  const { scores } = row;
  for (let i = 0; i < histogramItems.length; i++) {
    const value = scores ? scores[canonicalAt[i]!]! : (row.items[histogramItems[i]!] ?? NaN);
    answers[i] = value;
    addToHistogram(histograms[i]!, Number.isNaN(value) ? undefined : value);
  }
  const index = respondentIndex(indexDefs, answers, indexAt);
  if (index === undefined) cell.indexMissing += 1;
  else addMoment(cell.index, index);
  if (row.competitor) cell.competitor[row.competitor] += 1;
  else cell.competitor.missing += 1;
  if (pairedDrivers)
    addDriverValuesToBoth(
      drivers[0]!,
      drivers[1]!,
      answers,
      driverPositions[0]![1],
      driverPositions[1]![1],
    );
  else
    for (let i = 0; i < drivers.length; i++)
      addDriverValues(drivers[i]!, answers, driverPositions[i]![1]);
  return state;
}

function mergeCells(a: SurveyCell, b: SurveyCell): SurveyCell {
  const items: Partial<Record<SurveyItem, ItemHistogram>> = {};
  for (const [item, h] of Object.entries(a.items) as [SurveyItem, ItemHistogram][]) {
    const other = b.items[item];
    items[item] = other ? mergeHistograms(h, other) : h;
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
    drivers: mergeRecord(a.drivers, b.drivers, mergeDriverStates),
  };
}

function mergeRecord<T>(
  a: Partial<Record<SurveyItem, T>>,
  b: Partial<Record<SurveyItem, T>>,
  merge: (x: T, y: T) => T,
): Partial<Record<SurveyItem, T>> {
  const out: Partial<Record<SurveyItem, T>> = { ...a };
  for (const [key, value] of Object.entries(b) as [SurveyItem, T][]) {
    const existing = out[key];
    out[key] = existing ? merge(existing, value) : value;
  }
  return out;
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
  const items: Partial<Record<SurveyItem, ItemHistogram>> = {};
  for (const [item, h] of Object.entries(cell.items) as [SurveyItem, ItemHistogram][]) {
    items[item] = scaleHistogram(h, w);
  }
  const drivers: Partial<Record<SurveyItem, DriverState>> = {};
  for (const [outcome, d] of Object.entries(cell.drivers) as [SurveyItem, DriverState][]) {
    drivers[outcome] = scaleDriverState(d, w);
  }
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
