import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SURVEY_ITEMS } from '../contracts/fields.ts';
import type { SurveyRow } from '../contracts/row-types.ts';
import { surveyFigures } from '../figures/survey-figures.ts';
import {
  addSurveyRow,
  createSurveyState,
  mergeSurveyStates,
  type SurveyConfig,
} from './survey-state.ts';

const config: SurveyConfig = {
  items: {
    recommend: { scale: [0, 10] },
    satisfaction: { scale: [1, 5] },
    effort: { scale: [1, 7] },
  },
  indexItems: ['satisfaction', 'effort'],
  dimensions: ['group'],
};
const options = { rule: { suppress: 0, flag: 0 }, levels: { group: ['A', 'B', 'C'] } };

const rowArb: fc.Arbitrary<SurveyRow> = fc.record({
  responseId: fc.uuid(),
  segments: fc.record({ group: fc.option(fc.constantFrom('A', 'B', 'C'), { nil: undefined }) }),
  items: fc.record(
    {
      recommend: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      satisfaction: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
      effort: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
    },
    { requiredKeys: [] },
  ),
});

function onePass(rows: readonly SurveyRow[]) {
  const state = createSurveyState(config);
  for (const row of rows) addSurveyRow(state, row);
  return state;
}

function figures(rows: readonly SurveyRow[]) {
  return surveyFigures(onePass(rows), options);
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
  it('reads the same state from positional scores and levels as from named ones', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 60 }), (rows) => {
        // Named forms left empty, so the figures can only come from the positions.
        const positional = rows.map((row) => ({
          ...row,
          items: {},
          segments: {},
          scores: Float64Array.from(SURVEY_ITEMS, (item) => row.items[item] ?? NaN),
          levels: config.dimensions.map((d) => row.segments[d]),
        }));
        expect(onePass(positional)).toEqual(onePass(rows));
      }),
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
          expectSameFigures(figures(rows), surveyFigures(merged, options));
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
      { responseId: '1', segments: { group: 'A' }, items: { satisfaction: 5 } },
      { responseId: '2', segments: { group: 'A' }, items: { satisfaction: 5, effort: 7 } },
    ];
    const f = figures(rows);
    expect(f.csat_mean!.overall.value).toBe(5);
    expect(f.ces!.overall.n).toBe(1);
    expect(f.ces!.overall.missing).toBe(1);
  });

  it('the satisfaction index rescales each answered item to 0–100 and averages per respondent', () => {
    const rows: SurveyRow[] = [
      { responseId: '1', segments: {}, items: { satisfaction: 5, effort: 1 } }, // (100 + 0) / 2 = 50
      { responseId: '2', segments: {}, items: { satisfaction: 3 } }, // 50
      { responseId: '3', segments: {}, items: { effort: 7 } }, // 100
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
          items: { recommend: scores[i % 5]! },
        });
    }
    const state = onePass(rows);
    const holm = surveyFigures(state, { ...options, adjustment: 'holm' }).nps!.segments.group!;
    const bh = surveyFigures(state, { ...options, adjustment: 'bh' }).nps!.segments.group!;
    for (const level of ['A', 'B', 'C']) {
      expect(bh[level]!.vsRest!.pAdjusted).toBeLessThanOrEqual(
        holm[level]!.vsRest!.pAdjusted + 1e-15,
      );
      expect(bh[level]!.vsRest!.pAdjusted).toBeGreaterThanOrEqual(bh[level]!.vsRest!.p - 1e-15);
    }
  });
});
