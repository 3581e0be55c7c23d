/**
 * The reducer states of a snapshot from the results of its generated SQL (reduce-sql.ts): the
 * survey cells and their histograms, index moments and driver cross-products, the customers'
 * answers, behaviour per customer, complaints and the customer base, written in the state
 * codec's encoded form and decoded by it, so they are states like any other. The comments are
 * read here: each group of one text, recommend answer and cell goes through the comment reader
 * once per response id, as the TypeScript path adds them, so themes, redaction and samples are
 * the TypeScript path's own.
 *
 * The results of a row per customer or per comment (STREAMED_RESULTS) are read in batches of
 * columns straight into the states (the per-customer figures into their typed columns), so a
 * million customers are never a million row objects.
 */
import type { Manifest } from '../../contracts/manifest-schema.ts';
import type { Questionnaire } from '../../contracts/questionnaire.ts';
import type {
  EncodedCustomerBase,
  EncodedDriverState,
  EncodedSurveyState,
} from '../../contracts/state-schema.ts';
import { DEFAULT_THEMES } from '../../contracts/theme-dictionary.ts';
import { isNoAnswer } from '../../reading/no-answer.ts';
import { createComplaintState, type ComplaintState } from '../complaint-state.ts';
import type { ExploreStates } from '../explore-reducers.ts';
import { CommentReader } from '../fast/comment-reader.ts';
import { addCountToHistogram, createHistogram, type ItemHistogram } from '../histogram.ts';
import { orderGroupsOf } from '../order-groups.ts';
import type { ReducedSnapshot } from '../snapshot-reducers.ts';
import { createBehaviourState, createCustomerAnswers } from '../behaviour-state.ts';
import {
  appendCustomerColumns,
  decodeCustomerBase,
  decodeSurveyState,
  sharedLevels,
} from '../state-codec.ts';
import { cellKeyOf, surveyConfigOf, type SurveyConfig } from '../survey-state.ts';
import { compileThemes } from '../theme-matcher.ts';
import type { CustomerColumns } from '../customer-index.ts';
import { createVoiceState, type VoiceState } from '../voice-state.ts';
import { exactSum } from '../weighted-moments.ts';
import type { Batch } from './sql-engine.ts';

/** A result row: column alias → value (numbers as numbers, texts as strings, lists as arrays). */
export type Row = Record<string, unknown>;
/** The results of the generated queries, by name. */
export type Results = Record<string, Row[]>;

/** The results read in batches (a row per customer, or per distinct comment). */
export const STREAMED_RESULTS: ReadonlySet<string> = new Set([
  'order_customers',
  'survey_answers',
  'survey_comments',
  'ticket_customers',
  'ticket_customer_categories',
]);

/** Hands the batches of a streamed result to `each` (nothing when its query was not made). */
export type StreamResult = (name: string, each: (batch: Batch) => void) => Promise<void>;

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
/** A row's levels l0 … l(n-1). */
const levelsOf = (row: Row, n: number) => Array.from({ length: n }, (_, i) => text(row[`l${i}`]));

/**
 * The survey state of cells grouped by `dimensions`, from a cells, a histograms and an index
 * values query (each cell's index sums made exactly from its values and their counts).
 */
function surveyState(
  config: SurveyConfig,
  cells: Row[],
  histograms: Row[],
  indexValues: Row[],
): EncodedSurveyState {
  const n = config.dimensions.length;
  const indexTerms = new Map<string, Array<[value: number, count: number]>>();
  for (const row of indexValues) {
    const key = cellKeyOf(levelsOf(row, n).map((l) => l ?? undefined));
    let terms = indexTerms.get(key);
    if (!terms) indexTerms.set(key, (terms = []));
    terms.push([num(row.value), num(row.n)]);
  }
  const byKey = new Map<string, Record<string, ItemHistogram>>();
  const items = (levels: Array<string | null>) => {
    const key = cellKeyOf(levels.map((l) => l ?? undefined));
    let found = byKey.get(key);
    if (!found) {
      found = {};
      for (const { id, scale, steps } of config.items)
        found[id] = createHistogram(scale[0], scale[1], steps);
      byKey.set(key, found);
    }
    return found;
  };
  for (const row of histograms)
    addCountToHistogram(items(levelsOf(row, n))[String(row.item)]!, num(row.value), num(row.n));
  const drivers = config.drivers.filter((d) => config.items.some((i) => i.id === d));
  const outcomes =
    drivers.length > 0 ? config.outcomes.filter((o) => config.items.some((i) => i.id === o)) : [];
  return {
    config: {
      items: config.items.map(({ id, scale, steps }) => ({
        id,
        scale: [scale[0], scale[1]],
        steps,
      })),
      indexItems: [...config.indexItems],
      dimensions: [...config.dimensions],
      drivers: [...config.drivers],
      outcomes: [...config.outcomes],
    },
    cells: cells.map((row) => {
      const levels = levelsOf(row, n);
      const responses = num(row.responses);
      const histograms = items(levels);
      for (const h of Object.values(histograms)) h.missing = responses - h.n;
      const indexN = num(row.index_n);
      const terms = indexTerms.get(cellKeyOf(levels.map((l) => l ?? undefined))) ?? [];
      const encodedDrivers: Record<string, EncodedDriverState> = {};
      outcomes.forEach((outcome, o) => {
        const variables = [...drivers, outcome];
        const complete = num(row[`d${o}_n`]);
        const products: number[] = [];
        variables.forEach((_, i) => {
          for (let j = i; j < variables.length; j++) products.push(num(row[`d${o}_p${i}_${j}`]));
        });
        encodedDrivers[outcome] = {
          variables,
          n: complete,
          incomplete: responses - complete,
          sumW: complete,
          sumW2: complete,
          sums: variables.map((_, i) => num(row[`d${o}_s${i}`])),
          products,
        };
      });
      return {
        levels,
        responses,
        items: histograms,
        index: {
          n: indexN,
          sumW: indexN,
          sumW2: indexN,
          sumWX: exactSum(terms),
          sumWX2: exactSum(terms.map(([value, count]) => [value * value, count])),
        },
        indexMissing: responses - indexN,
        competitor: {
          better: num(row.competitor_better),
          same: num(row.competitor_same),
          worse: num(row.competitor_worse),
          missing: num(row.competitor_missing),
        },
        drivers: encodedDrivers,
      };
    }),
  };
}

/** Counts by key, in the order of the rows. */
function countsOf(rows: Row[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const row of rows ?? []) out[String(row.key)] = num(row.n);
  return out;
}

/** Each row of a batch as an object (for streamed results read row by row). */
function* rowsOf(batch: Batch): Generator<Row> {
  const columns = batch.names.map((name) => batch.column(name));
  for (let r = 0; r < batch.size; r++) {
    const row: Row = {};
    batch.names.forEach((name, i) => (row[name] = columns[i]![r]));
    yield row;
  }
}

/** The complaint state of the ticket queries. */
async function complaintState(results: Results, stream: StreamResult): Promise<ComplaintState> {
  const totals = results.ticket_totals?.[0] ?? {};
  const state = createComplaintState();
  state.tickets = num(totals.tickets);
  state.complaints = num(totals.complaints);
  state.unresolved = num(totals.unresolved);
  state.byCategory = countsOf(results.ticket_categories);
  state.byStage = countsOf(results.ticket_stages);
  for (const row of results.ticket_first_response ?? [])
    state.firstResponse.set(num(row.minutes), num(row.n));
  for (const row of results.ticket_resolution ?? [])
    state.resolution.set(num(row.minutes), num(row.n));
  const resolved: Array<{ first: number; id: string; slowest: number }> = [];
  await stream('ticket_customers', (batch) => {
    for (const row of rowsOf(batch)) {
      const id = String(row.customer_id);
      const resolution = ((row.resolutions as unknown[]) ?? []).filter((m) => m !== null).map(num);
      state.byCustomer.set(id, { complaints: {}, resolution });
      if (row.first_resolved !== null && row.first_resolved !== undefined)
        resolved.push({ first: num(row.first_resolved), id, slowest: num(row.slowest) });
    }
  });
  await stream('ticket_customer_categories', (batch) => {
    for (const row of rowsOf(batch))
      state.byCustomer.get(String(row.customer_id))!.complaints[String(row.key)] = num(row.n);
  });
  // Each customer's longest resolution, in the order of their first resolved ticket.
  resolved.sort((a, b) => a.first - b.first);
  for (const { id, slowest } of resolved) state.slowestByCustomer.set(id, slowest);
  return state;
}

/**
 * Reads a streamed result of a row per customer into per-customer columns, batch by batch
 * (each batch's ids and figures handed to the codec's appendCustomerColumns, which checks them).
 */
async function readCustomerColumns<K extends string>(
  stream: StreamResult,
  name: string,
  table: CustomerColumns<K>,
  also: (batch: Batch) => void = () => {},
): Promise<void> {
  await stream(name, (batch) => {
    const columns: Record<string, number[]> = {};
    for (const column of table.names) columns[column] = batch.column(column).map(num);
    appendCustomerColumns(table, batch.column('customer_id').map(String), columns);
    also(batch);
  });
}

/** The behaviour state of the order queries. */
async function behaviourState(
  manifest: Manifest,
  hasSegment: (d: string) => boolean,
  results: Results,
  stream: StreamResult,
) {
  const state = createBehaviourState();
  const dimensions = Object.keys(manifest.segments).filter(hasSegment);
  const levelsOf = sharedLevels(dimensions);
  await readCustomerColumns(stream, 'order_customers', state.customers, (batch) => {
    const columns = dimensions.map((_, i) => batch.column(`s${i}`));
    for (let r = 0; r < batch.size; r++)
      state.segments.push(levelsOf(columns.map((levels) => text(levels[r]))));
  });
  for (const row of results.order_excluded ?? []) state.excluded[String(row.status)] = num(row.n);
  state.missingAmount = num(results.order_totals?.[0]?.missing_amount);
  return state;
}

/** The customer-base state of the customers queries. */
function customerBase(results: Results): EncodedCustomerBase {
  const t = results.customer_totals?.[0] ?? {};
  const byDimension = new Map<
    string,
    { first: number; groups: EncodedCustomerBase['bySegment'][number][1]['groups'] }
  >();
  const rows = [...(results.customer_segments ?? [])].sort((a, b) => num(a.first) - num(b.first));
  for (const row of rows) {
    const d = String(row.dimension);
    const entry = byDimension.get(d) ?? { first: num(row.first), groups: [] };
    entry.groups.push([String(row.level), { k: num(row.k), n: num(row.n), missing: 0 }]);
    byDimension.set(d, entry);
  }
  return {
    customers: num(t.customers),
    churned: num(t.churned),
    unknown: num(t.unknown),
    revenue: num(t.revenue),
    churnedRevenue: num(t.churned_revenue),
    revenueSq: num(t.revenue_sq),
    churnedRevenueSq: num(t.churned_revenue_sq),
    revenueMissing: num(t.revenue_missing),
    bySegment: [...byDimension].map(([d, e]) => [d, { groups: e.groups }]),
  };
}

/** What sql-states needs besides the results. */
export interface SqlStatesInput {
  manifest: Manifest;
  questionnaire: Questionnaire;
  /** The results that are not streamed, by name. */
  results: Results;
  /** The streamed ones (STREAMED_RESULTS). */
  stream: StreamResult;
  /** Whether the named table maps the named field. */
  maps: (table: 'survey' | 'orders' | 'customers', field: string) => boolean;
  /** The survey file as diagnostics name it (a response without an id is "<file>:<row>"). */
  surveyFile: string;
  /** The survey table maps a response id. */
  responseIds: boolean;
}

/** The snapshot's states and its Explore cells from the results of its generated SQL. */
export async function statesFromSql(input: SqlStatesInput): Promise<{
  reduced: ReducedSnapshot;
  explore: ExploreStates;
}> {
  const { manifest, questionnaire, results, stream } = input;
  const segments = Object.keys(manifest.segments);
  const behaviour = manifest.tables.orders
    ? await behaviourState(manifest, (d) => input.maps('orders', d), results, stream)
    : null;
  const orderGroups = orderGroupsOf(behaviour);
  const exploreDimensions = [...segments, ...orderGroups.map((g) => g.id)];
  const config = surveyConfigOf(questionnaire, segments);
  const exploreConfig = surveyConfigOf(questionnaire, exploreDimensions);
  // The report's cells and the Explore cells come from queries of the same three kinds.
  const surveyOf = (c: SurveyConfig, prefix: 'survey' | 'explore') =>
    decodeSurveyState(
      surveyState(
        c,
        results[`${prefix}_cells`] ?? [],
        results[`${prefix}_histograms`] ?? [],
        results[`${prefix}_index`] ?? [],
      ),
    );
  const survey = surveyOf(config, 'survey');
  const exploreSurvey = surveyOf(exploreConfig, 'explore');
  const answers = createCustomerAnswers();
  await readCustomerColumns(stream, 'survey_answers', answers);
  // Comments: the report's voice by segment, and the Explore cells' voice.
  const voice = createVoiceState(DEFAULT_THEMES, undefined, segments);
  const matchers = compileThemes(DEFAULT_THEMES);
  const comments = new CommentReader(voice, matchers);
  const exploreVoice: ExploreStates['voice'] = new Map();
  const readers = new Map<string, CommentReader>();
  await stream('survey_comments', (batch) => {
    for (const row of rowsOf(batch)) {
      const comment = String(row.comment);
      if (isNoAnswer(comment)) continue;
      const levels = levelsOf(row, exploreDimensions.length).map((l) => l ?? undefined);
      const recommend =
        row.recommend === null || row.recommend === undefined ? undefined : num(row.recommend);
      const key = cellKeyOf(levels);
      let reader = readers.get(key);
      if (!reader) {
        const state: VoiceState = createVoiceState(DEFAULT_THEMES);
        exploreVoice.set(key, { levels, state });
        reader = new CommentReader(state, matchers);
        readers.set(key, reader);
      }
      for (const id of row.ids as unknown[]) {
        const responseId = input.responseIds ? String(id) : `${input.surveyFile}:${String(id)}`;
        comments.add(comment, recommend, responseId, levels.slice(0, segments.length));
        reader.add(comment, recommend, responseId);
      }
    }
  });
  comments.finish();
  for (const reader of readers.values()) reader.finish();
  const complaints = manifest.tables.tickets ? await complaintState(results, stream) : null;
  let exploreComplaints: ExploreStates['complaints'] = null;
  if (manifest.tables.tickets) {
    exploreComplaints = new Map();
    const n = exploreDimensions.length;
    for (const row of results.explore_tickets ?? []) {
      const state = createComplaintState();
      state.tickets = num(row.tickets);
      state.complaints = num(row.complaints);
      state.unresolved = num(row.unresolved);
      exploreComplaints.set(cellKeyOf(levelsOf(row, n).map((l) => l ?? undefined)), state);
    }
    for (const [query, field] of [
      ['explore_categories', 'byCategory'],
      ['explore_stages', 'byStage'],
    ] as const) {
      for (const row of results[query] ?? []) {
        const state = exploreComplaints.get(
          cellKeyOf(levelsOf(row, n).map((l) => l ?? undefined)),
        )!;
        state[field][String(row.key)] = num(row.n);
      }
    }
  }
  return {
    reduced: {
      questionnaire,
      survey,
      behaviour,
      complaints,
      customers: manifest.tables.customers ? decodeCustomerBase(customerBase(results)) : null,
      voice,
      answers,
    },
    explore: {
      survey: exploreSurvey,
      orderGroups,
      complaints: exploreComplaints,
      voice: exploreVoice,
      unattributedTickets: num(results.explore_unattributed?.[0]?.n),
    },
  };
}
