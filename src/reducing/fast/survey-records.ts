/**
 * The loader's way into the survey state: adds a survey record (answers and levels by position,
 * reading/records.ts) to a SurveyState. It does what addSurveyRow does for the canonical row the
 * record stands for, property-tested to the same state, shaped for the row loop: what every
 * response needs from the configuration is derived once, a response finds its cell through a
 * small tree of Maps without building the key, and its answers are read once into positions
 * the index and the driver states read. The index sums are kept in typed arrays until
 * `finish`, which completes the state.
 */
import type { SurveyRecord } from '../../reading/records.ts';
import type { DriverState } from '../driver-state.ts';
import { addToHistogram, type ItemHistogram } from '../histogram.ts';
import { respondentIndex, type IndexItem } from '../satisfaction-index.ts';
import {
  cellKeyOf,
  createCell,
  indexItemsOf,
  type SurveyCell,
  type SurveyState,
} from '../survey-state.ts';
import { addMomentToSums, compensatedSumsOf, storeCompensatedSums } from '../weighted-moments.ts';
import { addDriverValues, addDriverValuesToBoth } from './driver-rows.ts';
import { LevelTree } from './level-tree.ts';

/** A cell with its histograms and driver states by position. */
interface CellSlot {
  cell: SurveyCell;
  /** Histogram of item i (questionnaire order, as the record's answers). */
  histograms: ItemHistogram[];
  /** Driver state of outcome i of `driverPositions`. */
  drivers: DriverState[];
  /**
   * The cell's index sums with their low parts (compensatedSumsOf), until `finish` stores them:
   * stored in the state's fields they made a new heap object a response.
   */
  indexSums: Float64Array;
}

export class SurveyRecordReducer {
  readonly state: SurveyState;
  private readonly tree: LevelTree<CellSlot>;
  /** The slots of `tree`, for `finish`. */
  private slots: CellSlot[] = [];
  private readonly indexDefs: IndexItem[];
  /** Position in the record's answers of index item i. */
  private readonly indexAt: Int32Array;
  /** Outcome → positions in the answers of its driver state's variables. */
  private readonly driverPositions: Array<[string, Int32Array]>;
  /** Two driver states of the same drivers (the two outcomes): added to in one pass. */
  private readonly pairedDrivers: boolean;
  /** The row buffer of the driver states. */
  private readonly scratch: Float64Array;

  constructor(state: SurveyState) {
    this.state = state;
    const { config } = state;
    this.tree = new LevelTree(config.dimensions.length);
    const position = new Map(config.items.map((item, i) => [item.id, i]));
    const index = indexItemsOf(config);
    this.indexDefs = index;
    this.indexAt = Int32Array.from(index, ({ id }) => position.get(id)!);
    // The driver states a cell holds, in its order: their variables are drivers then outcome.
    const sample = createCell(config, {});
    this.driverPositions = Object.entries(sample.drivers).map(([outcome, d]) => [
      outcome,
      Int32Array.from(d.variables, (v) => position.get(v)!),
    ]);
    const [a, b] = this.driverPositions;
    this.pairedDrivers =
      this.driverPositions.length === 2 &&
      a![1].length === b![1].length &&
      a![1].every((at, i, all) => i === all.length - 1 || at === b![1][i]);
    this.scratch = new Float64Array(config.items.length + 1);
  }

  /** A new slot of these levels (a property, so the lookup hands the same function each time). */
  private readonly newSlot = (levels: ArrayLike<string | undefined>): CellSlot => {
    const { config, cells } = this.state;
    const key = cellKeyOf(levels);
    let cell = cells.get(key);
    if (!cell) {
      const named: Record<string, string | undefined> = {};
      config.dimensions.forEach((d, i) => (named[d] = levels[i]));
      cell = createCell(config, named);
      cells.set(key, cell);
    }
    const found = cell;
    const slot: CellSlot = {
      cell,
      histograms: config.items.map(({ id }) => found.items[id]!),
      drivers: this.driverPositions.map(([outcome]) => found.drivers[outcome]!),
      indexSums: compensatedSumsOf(cell.index),
    };
    this.slots.push(slot);
    return slot;
  };

  /**
   * Writes the index sums kept here to the cells' states: the state is complete after it. Adding
   * more afterwards starts from the states again.
   */
  finish(): void {
    for (const { cell, indexSums } of this.slots) storeCompensatedSums(cell.index, indexSums);
    this.tree.clear();
    this.slots = [];
  }

  /** Adds one record (the same as addSurveyRow with the row it stands for). */
  add(record: SurveyRecord): void {
    const { cell, histograms, drivers, indexSums } = this.tree.get(record.levels, this.newSlot);
    cell.responses += 1;
    const { answers } = record;
    for (let i = 0; i < histograms.length; i++) {
      const value = answers[i]!;
      addToHistogram(histograms[i]!, Number.isNaN(value) ? undefined : value);
    }
    const index = respondentIndex(this.indexDefs, answers, this.indexAt);
    if (index === undefined) cell.indexMissing += 1;
    else addMomentToSums(cell.index, indexSums, index);
    if (record.competitor) cell.competitor[record.competitor] += 1;
    else cell.competitor.missing += 1;
    const positions = this.driverPositions;
    if (this.pairedDrivers)
      addDriverValuesToBoth(
        drivers[0]!,
        drivers[1]!,
        answers,
        positions[0]![1],
        positions[1]![1],
        this.scratch,
      );
    else
      for (let i = 0; i < drivers.length; i++)
        addDriverValues(drivers[i]!, answers, positions[i]![1], this.scratch);
  }
}
