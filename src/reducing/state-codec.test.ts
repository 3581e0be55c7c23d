import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveQuestionnaire } from '../contracts/questionnaire.ts';
import type { CustomerRow, OrderRow, SurveyRow, TicketRow } from '../contracts/row-types.ts';
import {
  BehaviourStateSchema,
  ComplaintStateSchema,
  CustomerBaseSchema,
  CustomerColumnsSchema,
  HistogramSchema,
  SurveyStateSchema,
  VoiceStateSchema,
} from '../contracts/state-schema.ts';
import { DEFAULT_THEMES } from '../contracts/theme-dictionary.ts';
import {
  addCustomerAnswer,
  addOrder,
  createBehaviourState,
  createCustomerAnswers,
  mergeBehaviour,
} from './behaviour-state.ts';
import { addTicket, createComplaintState, mergeComplaints } from './complaint-state.ts';
import { addCustomer, createCustomerBase, mergeCustomerBase } from './customer-base.ts';
import {
  decodeBehaviourState,
  decodeComplaintState,
  decodeCustomerAnswers,
  decodeCustomerBase,
  decodeSurveyState,
  decodeVoiceState,
  encodeBehaviourState,
  encodeComplaintState,
  encodeCustomerAnswers,
  encodeCustomerBase,
  encodeSurveyState,
  encodeVoiceState,
} from './state-codec.ts';
import { surveyRowArb } from '../../test/survey-row-arbitrary.ts';
import {
  addSurveyRow,
  createSurveyState,
  mergeSurveyStates,
  scaleCell,
  surveyConfigOf,
  type SurveyState,
} from './survey-state.ts';
import { compileThemes } from './theme-matcher.ts';
import { addComment, createVoiceState, mergeVoice } from './voice-state.ts';

/** Through JSON text and the schema, as a document is read back. */
function throughJson<T>(encoded: unknown, schema: { parse: (v: unknown) => T }): T {
  return schema.parse(JSON.parse(JSON.stringify(encoded)));
}

const questionnaire = resolveQuestionnaire({
  ltr: { scale: [0, 10], role: 'recommend', notApplicable: [] },
  overall: { scale: [1, 5], role: 'satisfaction', notApplicable: [] },
  staff: { scale: [1, 5], component: 'service_quality', notApplicable: [] },
  price: { scale: [1, 5], component: 'value', notApplicable: [] },
});
const config = surveyConfigOf(questionnaire, ['group', 'region']);
const surveyRow = surveyRowArb(questionnaire);

/**
 * Checks `check` 40 times on two random lists of rows (40 at most each): the parts of a table
 * whose states are merged, as a build merges the states of its parts.
 */
function forTwoParts<R>(row: fc.Arbitrary<R>, check: (a: R[], b: R[]) => void): void {
  fc.assert(
    fc.property(fc.array(row, { maxLength: 40 }), fc.array(row, { maxLength: 40 }), check),
    { numRuns: 40 },
  );
}

function surveyOf(rows: readonly SurveyRow[], weight = 1): SurveyState {
  const state = createSurveyState(config);
  for (const row of rows) addSurveyRow(state, row);
  // Weighted cells hold fractions: the codec must keep every digit of them.
  if (weight !== 1)
    for (const [key, cell] of state.cells) state.cells.set(key, scaleCell(cell, weight));
  return state;
}

const customerId = fc.constantFrom('C1', 'C2', 'C17', 'X-9', 'C300');
const orderRow: fc.Arbitrary<OrderRow> = fc.record({
  orderId: fc.uuid(),
  customerId,
  date: fc.constant('2026-07-01'),
  amount: fc.option(fc.double({ min: 0, max: 5000, noNaN: true }), { nil: undefined }),
  status: fc.constantFrom('completed', 'cancelled'),
  estimatedDelivery: fc.option(fc.constantFrom('2026-07-03', '2026-07-05'), { nil: undefined }),
  delivered: fc.option(fc.constantFrom('2026-07-04'), { nil: undefined }),
  segments: fc.record({ group: fc.option(fc.constantFrom('A', 'B'), { nil: undefined }) }),
});
const ticketRow: fc.Arbitrary<TicketRow> = fc.record({
  ticketId: fc.uuid(),
  customerId: fc.option(customerId, { nil: undefined }),
  opened: fc.constant('2026-07-01T08:00'),
  firstResponse: fc.option(fc.constantFrom('2026-07-01T09:30', '2026-07-02T08:00'), {
    nil: undefined,
  }),
  resolved: fc.option(fc.constantFrom('2026-07-01T10:00', '2026-07-03T12:15'), {
    nil: undefined,
  }),
  category: fc.constantFrom('Delivery delay', 'Billing', '1'),
  journeyStage: fc.option(fc.constantFrom('purchase' as const, 'after-sales' as const), {
    nil: undefined,
  }),
  type: fc.constantFrom('complaint', 'question'),
});
const customerRow: fc.Arbitrary<CustomerRow> = fc.record({
  customerId,
  churned: fc.option(fc.boolean(), { nil: undefined }),
  revenue: fc.option(fc.double({ min: 0, max: 900, noNaN: true }), { nil: undefined }),
  segments: fc.record({ group: fc.option(fc.constantFrom('A', 'B'), { nil: undefined }) }),
});
const comment = fc.constantFrom(
  'Late delivery again',
  'Great service, fast',
  'price too high, mail me at jane@example.com',
  '配送が遅れた',
  'ok',
);

describe('state codec', () => {
  it('decode(encode(survey state)) is the state, to the bit, weighted or not', () => {
    fc.assert(
      fc.property(
        fc.array(surveyRow, { maxLength: 60 }),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        (rows, weight) => {
          for (const state of [surveyOf(rows), surveyOf(rows, weight)]) {
            const decoded = decodeSurveyState(
              throughJson(encodeSurveyState(state), SurveyStateSchema),
            );
            expect(decoded).toEqual(state);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('decoded survey states merge as the states they encode', () => {
    forTwoParts(surveyRow, (a, b) => {
      const roundTrip = (s: SurveyState) =>
        decodeSurveyState(throughJson(encodeSurveyState(s), SurveyStateSchema));
      expect(mergeSurveyStates(roundTrip(surveyOf(a)), roundTrip(surveyOf(b)))).toEqual(
        mergeSurveyStates(surveyOf(a), surveyOf(b)),
      );
    });
  });

  it('decode(encode(voice state)) is the state, samples and counts alike', () => {
    const matchers = compileThemes(DEFAULT_THEMES);
    const commentRow = fc.tuple(
      comment,
      fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      fc.uuid(),
    );
    forTwoParts(commentRow, (a, b) => {
      const stateOf = (list: typeof a) => {
        const state = createVoiceState(DEFAULT_THEMES);
        for (const [text, recommend, id] of list) addComment(state, matchers, text, recommend, id);
        return state;
      };
      const state = mergeVoice(stateOf(a), stateOf(b));
      expect(decodeVoiceState(throughJson(encodeVoiceState(state), VoiceStateSchema))).toEqual(
        state,
      );
    });
  });

  it('decode(encode(complaint state)) is the state, its maps in their order', () => {
    forTwoParts(ticketRow, (a, b) => {
      const stateOf = (rows: TicketRow[]) =>
        rows.reduce((s, t) => addTicket(s, t), createComplaintState());
      const state = mergeComplaints(stateOf(a), stateOf(b));
      const decoded = decodeComplaintState(
        throughJson(encodeComplaintState(state), ComplaintStateSchema),
      );
      expect(decoded).toEqual(state);
      // toEqual holds Maps equal in any order: their order is checked as well.
      expect([...decoded.firstResponse]).toEqual([...state.firstResponse]);
      expect([...decoded.resolution]).toEqual([...state.resolution]);
    });
  });

  it('decode(encode(customer base)) is the state', () => {
    forTwoParts(customerRow, (a, b) => {
      const stateOf = (rows: CustomerRow[]) =>
        rows.reduce((s, c) => addCustomer(s, c), createCustomerBase());
      const state = mergeCustomerBase(stateOf(a), stateOf(b));
      expect(
        decodeCustomerBase(throughJson(encodeCustomerBase(state), CustomerBaseSchema)),
      ).toEqual(state);
    });
  });

  it('decode(encode(behaviour state)) gives every customer the same totals and index', () => {
    forTwoParts(orderRow, (a, b) => {
      const stateOf = (rows: OrderRow[]) =>
        rows.reduce((s, o) => addOrder(s, o, ['cancelled']), createBehaviourState());
      const state = mergeBehaviour(stateOf(a), stateOf(b));
      const encoded = encodeBehaviourState(state);
      const decoded = decodeBehaviourState(throughJson(encoded, BehaviourStateSchema));
      // The same encoding again, and the same customer at the same row with the same figures.
      expect(encodeBehaviourState(decoded)).toEqual(encoded);
      expect(decoded.segments).toEqual(state.segments);
      for (const id of state.customers.index.ids) {
        const row = state.customers.find(id);
        expect(decoded.customers.find(id)).toBe(row);
        for (const name of state.customers.names)
          expect(decoded.customers.get(row, name)).toBe(state.customers.get(row, name));
      }
      expect(decoded.excluded).toEqual(state.excluded);
      expect(decoded.missingAmount).toBe(state.missingAmount);
    });
  });

  it('decode(encode(customer answers)) keeps each customer’s counts', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            customerId,
            fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
            fc.option(fc.boolean(), { nil: undefined }),
          ),
          { maxLength: 40 },
        ),
        (answers) => {
          const table = createCustomerAnswers();
          for (const [id, recommend, satisfied] of answers)
            addCustomerAnswer(table, id, { recommend, satisfied });
          const encoded = encodeCustomerAnswers(table);
          const decoded = decodeCustomerAnswers(throughJson(encoded, CustomerColumnsSchema));
          expect(encodeCustomerAnswers(decoded)).toEqual(encoded);
          for (const id of table.index.ids)
            expect(decoded.get(decoded.find(id), 'detractor')).toBe(
              table.get(table.find(id), 'detractor'),
            );
        },
      ),
      { numRuns: 30 },
    );
  });

  it('the schema rejects a histogram whose counts do not fit its scale, and a non-number', () => {
    const h = { min: 1, max: 5, steps: 1, counts: [1, 2, 3, 4, 5], n: 15, sumW2: 15, missing: 0 };
    expect(HistogramSchema.safeParse(h).success).toBe(true);
    expect(HistogramSchema.safeParse({ ...h, counts: [1, 2, 3] }).success).toBe(false);
    expect(HistogramSchema.safeParse({ ...h, n: '15' }).success).toBe(false);
    expect(HistogramSchema.safeParse({ ...h, extra: 1 }).success).toBe(false);
  });

  it('two cells of the same levels are refused on decoding', () => {
    const state = surveyOf([
      { responseId: '1', segments: { group: 'A', region: 'N' }, answers: { ltr: 9 } },
    ]);
    const encoded = encodeSurveyState(state);
    expect(() =>
      decodeSurveyState({ ...encoded, cells: [...encoded.cells, ...encoded.cells] }),
    ).toThrow(/distinct levels/);
  });
});
