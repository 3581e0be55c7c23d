/**
 * The cell states the Explore page pools: the survey reduced per cell of the segment levels
 * and the order groups (a respondent's customer had a late delivery, …), and per cell the
 * comment themes of its comments and the complaints its respondents' customers raised. Order
 * groups need the snapshot's behaviour, which is known only once its orders are read, so the
 * survey (and the tickets) are read a second time for these cells, after the first pass: the
 * first pass's reducers stay as they are, and these states hold nothing per respondent but
 * the customer → cell map the tickets are joined through while they are read.
 */
import type { Manifest } from '../contracts/manifest-schema.ts';
import type { Questionnaire } from '../contracts/questionnaire.ts';
import { DEFAULT_THEMES } from '../contracts/theme-dictionary.ts';
import { readSnapshot, type SnapshotSinks } from '../reading/read-snapshot.ts';
import { idText } from '../reading/id-refs.ts';
import type { SurveyRecord } from '../reading/records.ts';
import type { BehaviourState } from './behaviour-state.ts';
import { addTicket, createComplaintState, type ComplaintState } from './complaint-state.ts';
import { CommentReader } from './fast/comment-reader.ts';
import { SurveyRecordReducer } from './fast/survey-records.ts';
import type { OrderGroup } from '../contracts/order-groups.ts';
import { customerOrderLevels, orderGroupsOf } from './order-groups.ts';
import {
  cellKeyOf,
  createSurveyState,
  surveyConfigOf,
  type SurveyCell,
  type SurveyState,
} from './survey-state.ts';
import { compileThemes } from './theme-matcher.ts';
import { createVoiceState, type VoiceState } from './voice-state.ts';

/** The explore states of one snapshot, by cell key (the survey state's keys). */
export interface ExploreStates {
  /** Cells over the manifest's dimensions followed by the order groups' ids. */
  survey: SurveyState;
  orderGroups: OrderGroup[];
  /** Cell key → complaints of its respondents' customers; null without a tickets table. */
  complaints: Map<string, ComplaintState> | null;
  /** Cell key → comment themes of its comments. */
  voice: Map<string, { levels: Array<string | undefined>; state: VoiceState }>;
  /** Tickets of customers who did not answer the survey (or without a customer id). */
  unattributedTickets: number;
}

/**
 * The smallest non-zero base a survey cell carries: its responses, each item's answers, the
 * index's respondents and each driver state's complete responses. A cell published at this
 * size or more shows no base below it.
 */
export function surveyCellSize(cell: SurveyCell): number {
  let smallest = cell.responses;
  const consider = (n: number) => {
    if (n > 0 && n < smallest) smallest = n;
  };
  for (const h of Object.values(cell.items)) consider(h.n);
  consider(cell.index.n);
  for (const d of Object.values(cell.drivers)) consider(d.n);
  return smallest;
}

/** The number of comments a voice state counts (its themes' shares are of these). */
export function voiceSize(state: VoiceState): number {
  const c = state.comments;
  return c.promoter + c.passive + c.detractor + c.unknown;
}

/** Explore states and the sinks that fill them from a second read of survey and tickets. */
export function createExploreStates(
  manifest: Manifest,
  questionnaire: Questionnaire,
  behaviour: BehaviourState | null,
): { states: ExploreStates; sinks: SnapshotSinks } {
  const orderGroups = orderGroupsOf(behaviour);
  const dimensions = [...Object.keys(manifest.segments), ...orderGroups.map((g) => g.id)];
  const survey = createSurveyState(surveyConfigOf(questionnaire, dimensions));
  const reducer = new SurveyRecordReducer(survey);
  const complaints = manifest.tables.tickets ? new Map<string, ComplaintState>() : null;
  const voice: ExploreStates['voice'] = new Map();
  const readers = new Map<string, CommentReader>();
  const matchers = compileThemes(DEFAULT_THEMES);
  const recommendAt =
    questionnaire.roles.recommend === undefined
      ? -1
      : questionnaire.items.findIndex((item) => item.id === questionnaire.roles.recommend);
  /** Each answering customer's cell: their first response's. */
  const customerCell = new Map<string, string>();
  const levels: Array<string | undefined> = new Array(dimensions.length);
  const record: SurveyRecord = { ...emptyRecord(), levels };
  const states: ExploreStates = {
    survey,
    orderGroups,
    complaints,
    voice,
    unattributedTickets: 0,
  };
  return {
    states,
    sinks: {
      survey: (r) => {
        const segments = r.levels.length;
        for (let i = 0; i < segments; i++) levels[i] = r.levels[i];
        const byOrders = customerOrderLevels(behaviour, r.customerId);
        for (let i = 0; i < byOrders.length; i++) levels[segments + i] = byOrders[i];
        record.answers = r.answers;
        record.competitor = r.competitor;
        reducer.add(record);
        const key = cellKeyOf(levels);
        if (r.customerId !== undefined) {
          const id = idText(r.customerId);
          if (!customerCell.has(id)) customerCell.set(id, key);
        }
        if (r.comment) {
          let reader = readers.get(key);
          if (!reader) {
            const state = createVoiceState(DEFAULT_THEMES);
            voice.set(key, { levels: [...levels], state });
            reader = new CommentReader(state, matchers);
            readers.set(key, reader);
          }
          const recommend = recommendAt < 0 ? NaN : r.answers[recommendAt]!;
          reader.add(r.comment, Number.isNaN(recommend) ? undefined : recommend, r.responseId);
        }
      },
      tickets: complaints
        ? (ticket) => {
            const key =
              ticket.customerId === undefined ? undefined : customerCell.get(ticket.customerId);
            if (key === undefined) {
              states.unattributedTickets += 1;
              return;
            }
            let state = complaints.get(key);
            if (!state) {
              state = createComplaintState();
              complaints.set(key, state);
            }
            addTicket(state, ticket);
          }
        : undefined,
      end: () => {
        reducer.finish();
        for (const reader of readers.values()) reader.finish();
      },
    },
  };
}

function emptyRecord(): Omit<SurveyRecord, 'levels'> {
  return {
    responseId: '',
    customerId: undefined,
    date: undefined,
    answers: new Float64Array(0),
    competitor: undefined,
    journeyStage: undefined,
    comment: undefined,
  };
}

/**
 * Reads a snapshot's survey and tickets again into its explore states, after a first pass
 * that read its manifest and its behaviour.
 */
export async function reduceExplore(
  dir: string,
  displayDir: string,
  manifest: Manifest,
  questionnaire: Questionnaire,
  behaviour: BehaviourState | null,
): Promise<ExploreStates> {
  const { states, sinks } = createExploreStates(manifest, questionnaire, behaviour);
  await readSnapshot(dir, displayDir, () => sinks, { only: ['survey', 'tickets'] });
  return states;
}
