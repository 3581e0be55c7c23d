import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveQuestionnaire } from '../contracts/questionnaire.ts';
import type { SurveyRow } from '../contracts/row-types.ts';
import { surveyFigures } from '../figures/survey-figures.ts';
import { metricsFor } from '../metrics/registry/index.ts';
import { createSurveyRecord, surveyRowOf } from '../reading/records.ts';
import { SurveyRecordReducer } from './fast/survey-records.ts';
import { surveyRowArb } from '../../test/survey-row-arbitrary.ts';
import {
  addSurveyRow,
  createSurveyState,
  mergeSurveyStates,
  surveyConfigOf,
  type SurveyState,
} from './survey-state.ts';

// Items of arbitrary names with their roles, and two drivers (so both outcomes' driver states
// are added to in one pass on the fast path).
const questionnaire = resolveQuestionnaire({
  ltr: { scale: [0, 10], role: 'recommend', notApplicable: [] },
  overall: { scale: [1, 5], role: 'satisfaction', notApplicable: [] },
  ease: { scale: [1, 7], role: 'effort', notApplicable: [] },
  staff: { scale: [1, 5], component: 'service_quality', notApplicable: [] },
  price: { scale: [1, 5], component: 'value', notApplicable: [] },
});
const config = surveyConfigOf(questionnaire, ['group', 'region']);
const metrics = metricsFor({ questionnaire, tables: new Set(['survey']), themes: [] });
const options = {
  questionnaire,
  rule: { suppress: 0, flag: 0 },
  levels: { group: ['A', 'B', 'C'], region: ['N', 'S'] },
};

const rowArb = surveyRowArb(questionnaire);

function onePass(rows: readonly SurveyRow[]): SurveyState {
  const state = createSurveyState(config);
  for (const row of rows) addSurveyRow(state, row);
  return state;
}

/** The loader's path: each row as a reused positional record, through the fast reducer. */
function fastPass(rows: readonly SurveyRow[]): SurveyState {
  const state = createSurveyState(config);
  const reducer = new SurveyRecordReducer(state);
  const items = config.items.map((i) => i.id);
  const record = createSurveyRecord(items.length, config.dimensions.length);
  for (const row of rows) {
    items.forEach((id, i) => (record.answers[i] = row.answers[id] ?? NaN));
    config.dimensions.forEach((d, i) => (record.levels[i] = row.segments[d]));
    record.responseId = row.responseId;
    record.competitor = row.competitor;
    // The record stands for the row it came from.
    expect(surveyRowOf(record, items, config.dimensions)).toEqual({
      ...row,
      customerId: undefined,
      date: undefined,
      journeyStage: undefined,
      comment: undefined,
      competitor: row.competitor,
      answers: Object.fromEntries(Object.entries(row.answers).filter(([, v]) => v !== undefined)),
    });
    reducer.add(record);
  }
  reducer.finish();
  return state;
}

function figures(rows: readonly SurveyRow[]) {
  return surveyFigures(onePass(rows), metrics, options);
}

function expectSameFigures(a: ReturnType<typeof figures>, b: ReturnType<typeof figures>) {
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  for (const id of Object.keys(a)) {
    const x = a[id]!.overall;
    const y = b[id]!.overall;
    expect(x.n).toBe(y.n);
    expect(x.missing).toBe(y.missing);
    if (x.value === null) expect(y.value).toBeNull();
    else expect(y.value).toBeCloseTo(x.value, 9);
    for (const level of ['A', 'B', 'C']) {
      const s = a[id]!.segments.group![level]!;
      const t = b[id]!.segments.group![level]!;
      expect(s.n).toBe(t.n);
      if (s.value === null) expect(t.value).toBeNull();
      else expect(t.value).toBeCloseTo(s.value, 9);
      if (s.vsRest) expect(t.vsRest!.pAdjusted).toBeCloseTo(s.vsRest.pAdjusted, 9);
    }
  }
}

describe('survey state', () => {
  it('SurveyRecordReducer (the fast path) gives the state addSurveyRow gives, drivers included', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 80 }), (rows) => {
        expect(fastPass(rows)).toEqual(onePass(rows));
      }),
      { numRuns: 80 },
    );
  });

  it('merging the states of any split of the rows equals one pass', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 120 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (rows, cuts) => {
          const points = [...new Set(cuts.map((c) => c % (rows.length + 1)))].sort((x, y) => x - y);
          const parts: SurveyRow[][] = [];
          let start = 0;
          for (const p of [...points, rows.length]) {
            parts.push(rows.slice(start, p));
            start = p;
          }
          const merged = parts.map(onePass).reduce(mergeSurveyStates);
          expectSameFigures(figures(rows), surveyFigures(merged, metrics, options));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('permuting the rows changes no figure', () => {
    fc.assert(
      fc.property(
        fc
          .array(rowArb, { minLength: 1, maxLength: 80 })
          .chain((rows) =>
            fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length })),
          ),
        ([rows, shuffled]) => {
          expectSameFigures(figures(rows), figures(shuffled));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('an empty cell is missing, not 0: it lowers n, never the mean', () => {
    const rows: SurveyRow[] = [
      { responseId: '1', segments: { group: 'A' }, answers: { overall: 5 } },
      { responseId: '2', segments: { group: 'A' }, answers: { overall: 5, ease: 7 } },
    ];
    const f = figures(rows);
    expect(f.csat_mean!.overall.value).toBe(5);
    expect(f.ces!.overall.n).toBe(1);
    expect(f.ces!.overall.missing).toBe(1);
  });

  it('the satisfaction index rescales each answered item to 0–100 and averages per respondent', () => {
    // Index items by default: the satisfaction item and the core components' items.
    expect(questionnaire.indexItems).toEqual(['overall', 'staff', 'price']);
    const rows: SurveyRow[] = [
      { responseId: '1', segments: {}, answers: { overall: 5, staff: 1 } }, // (100 + 0) / 2 = 50
      { responseId: '2', segments: {}, answers: { overall: 3 } }, // 50
      { responseId: '3', segments: {}, answers: { price: 5, ease: 1 } }, // 100 (ease is no index item)
    ];
    expect(figures(rows).index!.overall.value).toBeCloseTo(200 / 3, 12);
  });
});

describe('group-vs-rest adjustment', () => {
  it('Benjamini–Hochberg adjusts no more strongly than Holm, and both at least the raw p', () => {
    const rows: SurveyRow[] = [];
    const cycle: Record<string, number[]> = {
      A: [10, 9, 9, 8, 7],
      B: [3, 5, 9, 6, 8],
      C: [10, 10, 9, 2, 7],
    };
    for (const [group, scores] of Object.entries(cycle)) {
      for (let i = 0; i < 200; i++)
        rows.push({
          responseId: `${group}${i}`,
          segments: { group },
          answers: { ltr: scores[i % 5]! },
        });
    }
    const state = onePass(rows);
    const holm = surveyFigures(state, metrics, { ...options, adjustment: 'holm' }).nps!.segments
      .group!;
    const bh = surveyFigures(state, metrics, { ...options, adjustment: 'bh' }).nps!.segments.group!;
    for (const level of ['A', 'B', 'C']) {
      expect(bh[level]!.vsRest!.pAdjusted).toBeLessThanOrEqual(
        holm[level]!.vsRest!.pAdjusted + 1e-15,
      );
      expect(bh[level]!.vsRest!.pAdjusted).toBeGreaterThanOrEqual(bh[level]!.vsRest!.p - 1e-15);
    }
  });
});
