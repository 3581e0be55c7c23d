/**
 * Encodes each mergeable reducer state as JSON-ready data and decodes it back: the serialised
 * form contracts/state-schema.ts defines and validates. The per-customer states can also be
 * encoded as they are written (`stream*`, for json-writer.ts): the same data, its ids and
 * figures made one at a time, each id through a renaming (the pseudonymiser). A state decoded from its encoding is
 * the same state (same numbers to the bit: JSON writes a double with the digits that read back
 * to it), so figures computed from it are those of the state that was encoded, and decoded
 * states merge like any other. `decode*` take what the schema parsed: validate first
 * (`SurveyStateSchema.parse(json)`), then decode.
 */
import type {
  EncodedBehaviourState,
  EncodedComplaintState,
  EncodedCustomerBase,
  EncodedCustomerColumns,
  EncodedDriverState,
  EncodedGroupedProportion,
  EncodedHistogram,
  EncodedMoments,
  EncodedSurveyCell,
  EncodedSurveyConfig,
  EncodedSurveyState,
  EncodedVoiceState,
} from '../contracts/state-schema.ts';
import type { ReducedStates } from '../contracts/reduced-schema.ts';
import {
  createBehaviourState,
  createCustomerAnswers,
  type BehaviourState,
  type CustomerAnswers,
} from './behaviour-state.ts';
import type { ComplaintState } from './complaint-state.ts';
import type { CustomerBaseState } from './customer-base.ts';
import type { CustomerColumns } from './customer-index.ts';
import type { DriverState } from './driver-state.ts';
import type { GroupedProportionState } from './grouped-proportion.ts';
import type { ItemHistogram } from './histogram.ts';
import { cellKeyOf, type SurveyCell, type SurveyConfig, type SurveyState } from './survey-state.ts';
import type { ClassSamples, GroupVoice, VoiceState } from './voice-state.ts';
import type { Streamable } from './json-writer.ts';
import type { ReducedSnapshot } from './snapshot-reducers.ts';
import type { MomentsState } from './weighted-moments.ts';

/** How customer ids are written: as they are, or renamed (pseudonymised). */
export type Rename = (id: string) => string;
const asIs: Rename = (id) => id;

/** Each item of `items` through `f`, as the sequence is iterated. */
function* mapped<A, B>(items: Iterable<A>, f: (a: A) => B): Generator<B> {
  for (const item of items) yield f(item);
}

/** A histogram as data (a copy: the encoding shares no array with the state). */
export function encodeHistogram(h: ItemHistogram): EncodedHistogram {
  return { ...h, counts: [...h.counts] };
}

/** The histogram an encoding describes. */
export function decodeHistogram(e: EncodedHistogram): ItemHistogram {
  return { ...e, counts: [...e.counts] };
}

/** Weighted moments as data. */
export function encodeMoments(m: MomentsState): EncodedMoments {
  return { ...m };
}

/** The moments an encoding describes. */
export function decodeMoments(e: EncodedMoments): MomentsState {
  return { ...e };
}

/**
 * A driver state as data: its cross-products' upper triangle, the only part the reducer fills.
 * @throws when the lower triangle holds a value (a state this codec would not round-trip)
 */
export function encodeDriverState(d: DriverState): EncodedDriverState {
  const k = d.variables.length;
  const products: number[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const value = d.products[i * k + j]!;
      if (j >= i) products.push(value);
      else if (value !== 0) throw new Error('encodeDriverState requires an empty lower triangle');
    }
  }
  return { ...driverCounts(d), sums: [...d.sums], products };
}

/** What a driver state and its encoding hold alike: its variables, counts and weight sums. */
function driverCounts(d: DriverState | EncodedDriverState) {
  return {
    variables: [...d.variables],
    n: d.n,
    incomplete: d.incomplete,
    sumW: d.sumW,
    sumW2: d.sumW2,
  };
}

/** The driver state an encoding describes. */
export function decodeDriverState(e: EncodedDriverState): DriverState {
  const k = e.variables.length;
  const products = new Float64Array(k * k);
  let at = 0;
  for (let i = 0; i < k; i++) for (let j = i; j < k; j++) products[i * k + j] = e.products[at++]!;
  return { ...driverCounts(e), sums: Float64Array.from(e.sums), products };
}

/** A deep copy of a survey configuration (encoded and decoded forms are alike). */
function copySurveyConfig(c: SurveyConfig): EncodedSurveyConfig {
  return {
    items: c.items.map(({ id, scale, steps }) => ({ id, scale: [scale[0], scale[1]], steps })),
    indexItems: [...c.indexItems],
    dimensions: [...c.dimensions],
    drivers: [...c.drivers],
    outcomes: [...c.outcomes],
  };
}

/** The survey reducer's configuration as data. */
export function encodeSurveyConfig(c: SurveyConfig): EncodedSurveyConfig {
  return copySurveyConfig(c);
}

/** The configuration an encoding describes. */
export function decodeSurveyConfig(e: EncodedSurveyConfig): SurveyConfig {
  return copySurveyConfig(e);
}

function mapValues<A, B>(record: Readonly<Record<string, A>>, f: (a: A) => B): Record<string, B> {
  const out: Record<string, B> = {};
  for (const [key, value] of Object.entries(record)) out[key] = f(value);
  return out;
}

/** One survey cell as data, its levels in the order of `dimensions`. */
export function encodeSurveyCell(
  cell: SurveyCell,
  dimensions: readonly string[],
): EncodedSurveyCell {
  return {
    levels: dimensions.map((d) => cell.levels[d] ?? null),
    responses: cell.responses,
    items: mapValues(cell.items, encodeHistogram),
    index: encodeMoments(cell.index),
    indexMissing: cell.indexMissing,
    competitor: { ...cell.competitor },
    drivers: mapValues(cell.drivers, encodeDriverState),
  };
}

/** The survey cell an encoding describes. */
export function decodeSurveyCell(e: EncodedSurveyCell, dimensions: readonly string[]): SurveyCell {
  if (e.levels.length !== dimensions.length) {
    throw new Error('decodeSurveyCell requires one level per dimension');
  }
  const levels: Record<string, string | undefined> = {};
  dimensions.forEach((d, i) => (levels[d] = e.levels[i] ?? undefined));
  return {
    levels,
    responses: e.responses,
    items: mapValues(e.items, decodeHistogram),
    index: decodeMoments(e.index),
    indexMissing: e.indexMissing,
    competitor: { ...e.competitor },
    drivers: mapValues(e.drivers, decodeDriverState),
  };
}

/** The survey state as data: its configuration and its cells in the order they were met. */
export function encodeSurveyState(state: SurveyState): EncodedSurveyState {
  const { dimensions } = state.config;
  return {
    config: encodeSurveyConfig(state.config),
    cells: [...state.cells.values()].map((cell) => encodeSurveyCell(cell, dimensions)),
  };
}

/**
 * The survey state an encoding describes, its cells under the keys the reducer gives them.
 * @throws when two cells have the same levels (no reducer makes such a state)
 */
export function decodeSurveyState(e: EncodedSurveyState): SurveyState {
  const config = decodeSurveyConfig(e.config);
  const cells = new Map<string, SurveyCell>();
  for (const encoded of e.cells) {
    const cell = decodeSurveyCell(encoded, config.dimensions);
    const key = cellKeyOf(config.dimensions.map((d) => cell.levels[d]));
    if (cells.has(key)) throw new Error('decodeSurveyState requires cells of distinct levels');
    cells.set(key, cell);
  }
  return { config, cells };
}

/** A deep copy of a theme's samples by class (encoded and decoded forms are alike). */
function copySamples(samples: ClassSamples): ClassSamples {
  return {
    promoter: samples.promoter.map((v) => ({ ...v })),
    passive: samples.passive.map((v) => ({ ...v })),
    detractor: samples.detractor.map((v) => ({ ...v })),
    unknown: samples.unknown.map((v) => ({ ...v })),
  };
}

/** A deep copy of one group's voice (encoded and decoded forms are alike). */
function copyGroupVoice(g: GroupVoice): GroupVoice {
  return {
    comments: { ...g.comments },
    mentions: mapValues(g.mentions, (m) => ({ ...m })),
    samples: mapValues(g.samples, copySamples),
  };
}

/** A deep copy of a voice state (encoded and decoded forms are alike). */
function copyVoiceState(v: VoiceState): EncodedVoiceState {
  return {
    comments: { ...v.comments },
    mentions: mapValues(v.mentions, (m) => ({ ...m })),
    samples: mapValues(v.samples, copySamples),
    sampleSize: v.sampleSize,
    praiseThemes: [...v.praiseThemes],
    dimensions: [...v.dimensions],
    groups: mapValues(v.groups, (levels) => mapValues(levels, copyGroupVoice)),
  };
}

/** The voice state as data. */
export function encodeVoiceState(state: VoiceState): EncodedVoiceState {
  return copyVoiceState(state);
}

/** The voice state an encoding describes. */
export function decodeVoiceState(e: EncodedVoiceState): VoiceState {
  return copyVoiceState(e);
}

/** The complaint state as data (customer ids renamed). */
export function encodeComplaintState(
  state: ComplaintState,
  rename: Rename = asIs,
): EncodedComplaintState {
  return {
    tickets: state.tickets,
    complaints: state.complaints,
    byCategory: { ...state.byCategory },
    byStage: { ...state.byStage },
    firstResponse: [...state.firstResponse],
    resolution: [...state.resolution],
    unresolved: state.unresolved,
    slowestByCustomer: [...state.slowestByCustomer].map(([id, minutes]) => [rename(id), minutes]),
    byCustomer: [...state.byCustomer].map(([id, t]) => [
      rename(id),
      { complaints: { ...t.complaints }, resolution: [...t.resolution] },
    ]),
  };
}

/** The complaint state an encoding describes. */
export function decodeComplaintState(e: EncodedComplaintState): ComplaintState {
  return {
    tickets: e.tickets,
    complaints: e.complaints,
    byCategory: { ...e.byCategory },
    byStage: { ...e.byStage },
    firstResponse: new Map(e.firstResponse),
    resolution: new Map(e.resolution),
    unresolved: e.unresolved,
    slowestByCustomer: new Map(e.slowestByCustomer),
    byCustomer: new Map(
      e.byCustomer.map(([id, t]) => [
        id,
        { complaints: { ...t.complaints }, resolution: [...t.resolution] },
      ]),
    ),
  };
}

/** A grouped proportion as data. */
export function encodeGroupedProportion(state: GroupedProportionState): EncodedGroupedProportion {
  return { groups: [...state.groups].map(([group, g]) => [group, { ...g }]) };
}

/** The grouped proportion an encoding describes. */
export function decodeGroupedProportion(e: EncodedGroupedProportion): GroupedProportionState {
  return { groups: new Map(e.groups.map(([group, g]) => [group, { ...g }])) };
}

/** The customer-base state as data. */
export function encodeCustomerBase(state: CustomerBaseState): EncodedCustomerBase {
  const { bySegment, ...counts } = state;
  return {
    ...counts,
    bySegment: [...bySegment].map(([d, g]) => [d, encodeGroupedProportion(g)]),
  };
}

/** The customer-base state an encoding describes. */
export function decodeCustomerBase(e: EncodedCustomerBase): CustomerBaseState {
  const { bySegment, ...counts } = e;
  return {
    ...counts,
    bySegment: new Map(bySegment.map(([d, g]) => [d, decodeGroupedProportion(g)])),
  };
}

/**
 * Per-customer columns as data, made as they are written: ids in index order (each renamed),
 * each column's values in the same order.
 */
export function streamCustomerColumns<K extends string>(
  table: CustomerColumns<K>,
  rename: Rename = asIs,
): Streamable<EncodedCustomerColumns> {
  const columns: Record<string, Iterable<number>> = {};
  for (const name of table.names) columns[name] = columnValues(table, name);
  return { ids: mapped(table.index.idsInOrder(), rename), columns };
}

/** One column's values, row by row. */
function* columnValues<K extends string>(table: CustomerColumns<K>, name: K): Generator<number> {
  for (let row = 0; row < table.size; row++) yield table.get(row, name);
}

/** Streamed per-customer columns, made whole. */
function wholeColumns(c: Streamable<EncodedCustomerColumns>): EncodedCustomerColumns {
  return { ids: [...c.ids], columns: mapValues(c.columns, (values) => [...values]) };
}

/** Per-customer columns as data: ids in index order (renamed), each column in the same order. */
export function encodeCustomerColumns<K extends string>(
  table: CustomerColumns<K>,
  rename: Rename = asIs,
): EncodedCustomerColumns {
  return wholeColumns(streamCustomerColumns(table, rename));
}

/**
 * Adds customers to a table after those it has, in order, with their figures: all of an
 * encoding, or one batch of it after another (each customer keeps its index).
 * @throws when the columns are not the table's, or a customer is in the table already
 */
export function appendCustomerColumns<K extends string>(
  table: CustomerColumns<K>,
  ids: readonly string[],
  columns: Readonly<Record<string, readonly number[]>>,
): void {
  const names = Object.keys(columns);
  if (names.length !== table.names.length || !table.names.every((n) => names.includes(n))) {
    throw new Error(`decoding customer columns requires the columns ${table.names.join(', ')}`);
  }
  const offsets = table.names.map((name) => table.at[name]);
  const values = table.names.map((name) => columns[name]!);
  ids.forEach((id, i) => {
    const expected = table.size;
    const row = table.row(id);
    if (row !== expected) {
      throw new Error('decoding customer columns requires distinct customer ids');
    }
    const base = row * table.stride;
    for (let k = 0; k < offsets.length; k++) table.data[base + offsets[k]!] = values[k]![i]!;
  });
}

/**
 * A customer's segment levels as a record, the same record for every customer of the same
 * levels: a million customers fall in a few dozen combinations, and a record each would weigh
 * more than their figures. The records are shared, so never changed.
 */
export function sharedLevels(
  dimensions: readonly string[],
): (
  levels: ReadonlyArray<string | null | undefined>,
) => Readonly<Record<string, string | undefined>> {
  const records = new Map<string, Readonly<Record<string, string | undefined>>>();
  return (levels) => {
    const key = cellKeyOf(levels.map((l) => l ?? undefined));
    let record = records.get(key);
    if (!record) {
      const fresh: Record<string, string | undefined> = {};
      dimensions.forEach((d, i) => (fresh[d] = levels[i] ?? undefined));
      record = fresh;
      records.set(key, record);
    }
    return record;
  };
}

/** The behaviour state as data, made as it is written (customer ids renamed). */
export function streamBehaviourState(
  state: BehaviourState,
  rename: Rename = asIs,
): Streamable<EncodedBehaviourState> {
  // Every dimension any customer has a level of, in the order they are first met.
  const dimensions = new Set<string>();
  const seen = new Set<object>();
  for (const levels of state.segments) {
    if (seen.has(levels)) continue;
    seen.add(levels);
    for (const dimension in levels) dimensions.add(dimension);
  }
  const segments: Record<string, Iterable<string | null>> = {};
  for (const d of dimensions) segments[d] = mapped(state.segments, (levels) => levels[d] ?? null);
  return {
    customers: streamCustomerColumns(state.customers, rename),
    segments,
    excluded: { ...state.excluded },
    missingAmount: state.missingAmount,
    // Written only when there are some, so a snapshot without guests encodes as it always did.
    ...(state.guests.orders > 0 ? { guests: { ...state.guests } } : {}),
  };
}

/** The behaviour state as data (customer ids renamed). */
export function encodeBehaviourState(
  state: BehaviourState,
  rename: Rename = asIs,
): EncodedBehaviourState {
  const { customers, segments, ...counts } = streamBehaviourState(state, rename);
  return {
    customers: wholeColumns(customers),
    segments: mapValues(segments, (levels) => [...levels]),
    ...counts,
  };
}

/** The behaviour state an encoding describes. */
export function decodeBehaviourState(e: EncodedBehaviourState): BehaviourState {
  const state = createBehaviourState();
  appendCustomerColumns(state.customers, e.customers.ids, e.customers.columns);
  const dimensions = Object.keys(e.segments);
  const levelsOf = sharedLevels(dimensions);
  state.segments = e.customers.ids.map((_, i) =>
    levelsOf(dimensions.map((d) => e.segments[d]![i])),
  );
  state.excluded = { ...e.excluded };
  state.missingAmount = e.missingAmount;
  if (e.guests) state.guests = { ...e.guests };
  return state;
}

/** Each surveyed customer's answer counts as data (ids renamed). */
export function encodeCustomerAnswers(
  table: CustomerAnswers,
  rename: Rename = asIs,
): EncodedCustomerColumns {
  return encodeCustomerColumns(table, rename);
}

/** Each surveyed customer's answer counts as data, made as they are written (ids renamed). */
export function streamCustomerAnswers(
  table: CustomerAnswers,
  rename: Rename = asIs,
): Streamable<EncodedCustomerColumns> {
  return streamCustomerColumns(table, rename);
}

/** The customer answers an encoding describes. */
export function decodeCustomerAnswers(e: EncodedCustomerColumns): CustomerAnswers {
  const table = createCustomerAnswers();
  appendCustomerColumns(table, e.ids, e.columns);
  return table;
}

/** A snapshot's reducer states, without the questionnaire its manifest gives them. */
export type SnapshotStates = Omit<ReducedSnapshot, 'questionnaire'>;

/**
 * A snapshot's states as `reduced.json` holds them (contracts/reduced-schema.ts), the
 * per-customer ones made as they are written, each customer id renamed.
 */
export function streamReducedStates(
  states: SnapshotStates,
  rename: Rename = asIs,
): Streamable<ReducedStates> {
  return {
    survey: encodeSurveyState(states.survey),
    voice: encodeVoiceState(states.voice),
    behaviour: states.behaviour ? streamBehaviourState(states.behaviour, rename) : null,
    complaints: states.complaints ? encodeComplaintState(states.complaints, rename) : null,
    customers: states.customers ? encodeCustomerBase(states.customers) : null,
    answers: streamCustomerAnswers(states.answers, rename),
  };
}

/** The states `reduced.json` holds, decoded. */
export function decodeReducedStates(e: ReducedStates): SnapshotStates {
  return {
    survey: decodeSurveyState(e.survey),
    behaviour: e.behaviour ? decodeBehaviourState(e.behaviour) : null,
    complaints: e.complaints ? decodeComplaintState(e.complaints) : null,
    customers: e.customers ? decodeCustomerBase(e.customers) : null,
    voice: decodeVoiceState(e.voice),
    answers: decodeCustomerAnswers(e.answers),
  };
}
