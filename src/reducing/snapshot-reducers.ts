/**
 * Every reducer a snapshot feeds, created from its manifest: the survey state, behaviour from
 * orders, complaints from tickets, comment themes, and the per-customer answers that join the
 * survey with orders and tickets. The loader streams rows into `sinks`; figures are computed
 * from the states afterwards.
 */
import {
  addComment,
  compileThemes,
  createVoiceState,
  DEFAULT_THEMES,
  type VoiceState,
} from './comment-themes.ts';
import {
  addOrderBatch,
  OrderBatch,
  createBehaviourState,
  type BehaviourState,
  type CustomerAnswers,
  AnswerBatch,
  addAnswerBatch,
  createCustomerAnswers,
} from './customer-behaviour.ts';
import { addCustomer, createCustomerBase, type CustomerBaseState } from './customer-base.ts';
import { addTicket, createComplaintState, type ComplaintState } from './service-complaints.ts';
import {
  addSurveyRow,
  createSurveyState,
  scoreOf,
  type SurveyConfig,
  type SurveyState,
} from './survey-state.ts';
import type { Manifest } from '../contracts/manifest-schema.ts';
import { DEFAULT_INDEX_ITEMS, QUALITY_COMPONENTS, type SurveyItem } from '../contracts/fields.ts';
import type { SnapshotSinks } from '../reading/read-snapshot.ts';

export interface SnapshotReducers {
  survey: SurveyState;
  behaviour: BehaviourState | null;
  complaints: ComplaintState | null;
  customers: CustomerBaseState | null;
  voice: VoiceState;
  /** Customer id → what they answered, one entry per response (only responses with a customer id). */
  answers: CustomerAnswers;
  sinks: SnapshotSinks;
}

export function createSnapshotReducers(manifest: Manifest, config: SurveyConfig): SnapshotReducers {
  const survey = createSurveyState(config);
  const behaviour = manifest.tables.orders ? createBehaviourState() : null;
  const complaints = manifest.tables.tickets ? createComplaintState() : null;
  const customers = manifest.tables.customers ? createCustomerBase() : null;
  const voice = createVoiceState(DEFAULT_THEMES);
  const matchers = compileThemes(DEFAULT_THEMES);
  const answers = createCustomerAnswers();
  // Answers are added in batches (see AnswerBatch); the last one when the loader ends.
  const pending = new AnswerBatch();
  const orderBatch = new OrderBatch();
  const satisfaction = manifest.items.satisfaction;
  const satisfiedFrom = satisfaction ? satisfaction.scale[1] - satisfaction.topBox + 1 : undefined;
  const exclude = manifest.orders?.excludeStatuses ?? ['cancelled', 'returned'];
  return {
    survey,
    behaviour,
    complaints,
    customers,
    voice,
    answers,
    sinks: {
      survey: (row) => {
        addSurveyRow(survey, row);
        const recommend = scoreOf(row, 'recommend');
        if (row.comment) addComment(voice, matchers, row.comment, recommend, row.responseId);
        if (row.customerId !== undefined) {
          const s = scoreOf(row, 'satisfaction');
          const full = pending.push(row.customerId, {
            recommend,
            satisfied:
              s === undefined || satisfiedFrom === undefined ? undefined : s >= satisfiedFrom,
          });
          if (full) addAnswerBatch(answers, pending);
        }
      },
      orders: behaviour
        ? (row) => {
            if (orderBatch.push(row)) addOrderBatch(behaviour, orderBatch, exclude);
          }
        : undefined,
      tickets: complaints ? (row) => addTicket(complaints, row) : undefined,
      customers: customers ? (row) => addCustomer(customers, row) : undefined,
      end: () => {
        addAnswerBatch(answers, pending);
        if (behaviour) addOrderBatch(behaviour, orderBatch, exclude);
      },
    },
  };
}

/** The survey configuration a manifest implies. */
export function surveyConfig(manifest: Manifest): SurveyConfig {
  const items: SurveyConfig['items'] = {};
  for (const [item, def] of Object.entries(manifest.items) as [
    SurveyItem,
    { scale: [number, number] },
  ][]) {
    const mapping = manifest.tables.survey?.columns[item];
    items[item] = { scale: def.scale, steps: Array.isArray(mapping) ? mapping.length : 1 };
  }
  return {
    items,
    indexItems: manifest.index?.items ?? DEFAULT_INDEX_ITEMS,
    dimensions: Object.keys(manifest.segments),
    drivers: driverItems(manifest),
  };
}

/** Items analysed as drivers: those the manifest marks, else the quality components present. */
export function driverItems(manifest: Manifest): SurveyItem[] {
  const marked = (Object.entries(manifest.items) as [SurveyItem, Manifest['items'][SurveyItem]][])
    .filter(([, def]) => def?.driver)
    .map(([item]) => item);
  return marked.length > 0 ? marked : QUALITY_COMPONENTS.filter((item) => manifest.items[item]);
}
