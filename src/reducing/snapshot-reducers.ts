/**
 * Every reducer a snapshot feeds, created from its manifest: the survey state, behaviour from
 * orders, complaints from tickets, the customer base, comment themes, and the per-customer
 * answers that join the survey with orders and tickets. The loader streams its records into
 * `sinks`; figures are computed from the states afterwards.
 */
import { DEFAULT_THEMES } from '../contracts/theme-dictionary.ts';
import type { Manifest } from '../contracts/manifest-schema.ts';
import { resolveQuestionnaire, roleItem, type Questionnaire } from '../contracts/questionnaire.ts';
import type { SnapshotSinks } from '../reading/read-snapshot.ts';
import {
  createBehaviourState,
  createCustomerAnswers,
  type BehaviourState,
  type CustomerAnswers,
} from './behaviour-state.ts';
import { addTicket, createComplaintState, type ComplaintState } from './complaint-state.ts';
import { addCustomer, createCustomerBase, type CustomerBaseState } from './customer-base.ts';
import { CommentReader } from './fast/comment-reader.ts';
import { addAnswerBatch, AnswerBatch, orderFeed } from './fast/customer-batches.ts';
import { SurveyRecordReducer } from './fast/survey-records.ts';
import { createSurveyState, surveyConfigOf, type SurveyState } from './survey-state.ts';
import { compileThemes } from './theme-matcher.ts';
import { createVoiceState, type VoiceState } from './voice-state.ts';

/** The reduced states of one snapshot: everything its figures are computed from. */
export interface ReducedSnapshot {
  questionnaire: Questionnaire;
  survey: SurveyState;
  behaviour: BehaviourState | null;
  complaints: ComplaintState | null;
  customers: CustomerBaseState | null;
  voice: VoiceState;
  /** Customer id → what they answered (only responses with a customer id). */
  answers: CustomerAnswers;
}

/** The reducers of a snapshot and the sinks that feed them. */
export interface SnapshotReducers extends ReducedSnapshot {
  sinks: SnapshotSinks;
}

/** The questionnaire a manifest declares. */
export function questionnaireOf(manifest: Manifest): Questionnaire {
  return resolveQuestionnaire(
    manifest.items,
    manifest.tables.survey?.columns,
    manifest.index?.items,
  );
}

export function createSnapshotReducers(manifest: Manifest): SnapshotReducers {
  const questionnaire = questionnaireOf(manifest);
  const survey = createSurveyState(surveyConfigOf(questionnaire, Object.keys(manifest.segments)));
  const behaviour = manifest.tables.orders ? createBehaviourState() : null;
  const complaints = manifest.tables.tickets ? createComplaintState() : null;
  const customers = manifest.tables.customers ? createCustomerBase() : null;
  // The voice state takes a record's levels in the survey state's dimension order.
  const voice = createVoiceState(DEFAULT_THEMES, undefined, survey.config.dimensions);
  const answers = createCustomerAnswers();
  const surveyReducer = new SurveyRecordReducer(survey);
  const comments = new CommentReader(voice, compileThemes(DEFAULT_THEMES));
  // Answers and orders are added in batches (fast/customer-batches.ts); the last ones at `end`.
  const pending = new AnswerBatch();
  const orders = behaviour ? orderFeed(behaviour, manifest.orders) : null;
  const position = (id: string | undefined) =>
    id === undefined ? -1 : questionnaire.items.findIndex((item) => item.id === id);
  const recommendAt = position(questionnaire.roles.recommend);
  const satisfactionAt = position(questionnaire.roles.satisfaction);
  const satisfaction = roleItem(questionnaire, 'satisfaction');
  const satisfiedFrom = satisfaction ? satisfaction.scale[1] - satisfaction.topBox + 1 : NaN;
  return {
    questionnaire,
    survey,
    behaviour,
    complaints,
    customers,
    voice,
    answers,
    sinks: {
      survey: (record) => {
        surveyReducer.add(record);
        const recommend = recommendAt < 0 ? NaN : record.answers[recommendAt]!;
        const recommendAnswer = Number.isNaN(recommend) ? undefined : recommend;
        if (record.comment)
          comments.add(record.comment, recommendAnswer, record.responseId, record.levels);
        if (record.customerId !== undefined) {
          const s = satisfactionAt < 0 ? NaN : record.answers[satisfactionAt]!;
          const full = pending.push(
            record.customerId,
            recommendAnswer,
            Number.isNaN(s) ? undefined : s >= satisfiedFrom,
          );
          if (full) addAnswerBatch(answers, pending);
        }
      },
      orders: orders?.add,
      tickets: complaints ? (row) => addTicket(complaints, row) : undefined,
      customers: customers ? (row) => addCustomer(customers, row) : undefined,
      end: () => {
        surveyReducer.finish();
        comments.finish();
        addAnswerBatch(answers, pending);
        orders?.end();
      },
    },
  };
}
