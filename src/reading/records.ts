/**
 * The loader's fast-path form of survey and order rows: the same values as the canonical rows
 * (contracts/row-types.ts), laid out for the reducers' row loops. A survey record holds its
 * answers by position in the questionnaire and its levels by position in the manifest's
 * dimensions; ids stay IdRefs (a numbered id is a number, see id-refs.ts). Records are reused
 * from row to row: a consumer copies what it keeps. `surveyRowOf` and `orderRowOf` give the
 * plain rows they stand for, which is what the property tests compare the fast reducers with.
 */
import type { CompetitorComparison, JourneyStage } from '../contracts/fields.ts';
import type { OrderRow, SurveyRow } from '../contracts/row-types.ts';
import { idText, type IdRef } from './id-refs.ts';

export interface SurveyRecord {
  responseId: IdRef;
  customerId: IdRef | undefined;
  date: string | undefined;
  /** Answer of questionnaire item i (NaN when missing). */
  answers: Float64Array;
  /** Level of dimension i (undefined when missing). */
  levels: Array<string | undefined>;
  competitor: CompetitorComparison | undefined;
  journeyStage: JourneyStage | undefined;
  comment: string | undefined;
}

/** An empty survey record for a questionnaire of `items` items and `dimensions` dimensions. */
export function createSurveyRecord(items: number, dimensions: number): SurveyRecord {
  return {
    responseId: '',
    customerId: undefined,
    date: undefined,
    answers: new Float64Array(items).fill(NaN),
    levels: new Array<string | undefined>(dimensions).fill(undefined),
    competitor: undefined,
    journeyStage: undefined,
    comment: undefined,
  };
}

export interface OrderRecord {
  orderId: IdRef;
  /** Undefined for a guest order. */
  customerId: IdRef | undefined;
  date: string;
  amount: number | undefined;
  status: string;
  estimatedDelivery: string | undefined;
  delivered: string | undefined;
  /** Dimension → level (a new object per order: a consumer may keep it). */
  segments: Readonly<Record<string, string | undefined>>;
}

/**
 * The canonical row a survey record stands for.
 * @param items questionnaire item ids, in the record's answer order
 * @param dimensions segment dimensions, in the record's level order
 */
export function surveyRowOf(
  record: SurveyRecord,
  items: readonly string[],
  dimensions: readonly string[],
): SurveyRow {
  const answers: Record<string, number | undefined> = {};
  items.forEach((id, i) => {
    const value = record.answers[i]!;
    if (!Number.isNaN(value)) answers[id] = value;
  });
  const segments: Record<string, string | undefined> = {};
  dimensions.forEach((d, i) => (segments[d] = record.levels[i]));
  return {
    responseId: idText(record.responseId),
    customerId: record.customerId === undefined ? undefined : idText(record.customerId),
    date: record.date,
    segments,
    answers,
    competitor: record.competitor,
    journeyStage: record.journeyStage,
    comment: record.comment,
  };
}

/** The canonical row an order record stands for. */
export function orderRowOf(record: OrderRecord): OrderRow {
  return {
    orderId: idText(record.orderId),
    customerId: record.customerId === undefined ? undefined : idText(record.customerId),
    date: record.date,
    amount: record.amount,
    status: record.status,
    estimatedDelivery: record.estimatedDelivery,
    delivered: record.delivered,
    segments: record.segments,
  };
}
