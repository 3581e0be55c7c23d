import { describe, expect, it } from 'vitest';
import type { SurveyRow } from '../contracts/row-types.ts';
import { changeFindings } from './root-causes.ts';
import { changesBetween, type SnapshotFigures } from './snapshot-figures.ts';
import { surveyFigures } from './survey-figures.ts';
import { addSurveyRow, createSurveyState } from '../reducing/survey-state.ts';

/** A period where each group's recommend scores cycle through the given list. */
function period(id: string, scores: Record<string, number[]>, n = 400): SnapshotFigures {
  const state = createSurveyState({
    items: { recommend: { scale: [0, 10] } },
    indexItems: [],
    dimensions: ['group'],
  });
  for (const [group, cycle] of Object.entries(scores)) {
    for (let i = 0; i < n; i++) {
      const row: SurveyRow = {
        responseId: `${group}${i}`,
        segments: { group },
        items: { recommend: cycle[i % cycle.length]! },
      };
      addSurveyRow(state, row);
    }
  }
  const metrics = surveyFigures(state, {
    rule: { suppress: 30, flag: 100 },
    levels: { group: Object.keys(scores) },
  });
  return {
    id,
    period: id,
    start: '2026-01-01',
    end: '2026-03-31',
    hash: 'sha256:x',
    responses: n * Object.keys(scores).length,
    tables: {},
    segments: { group: { label: 'Group', levels: Object.keys(scores) } },
    weighting: { method: 'none', dimensions: [], nEffective: 0, efficiency: 1, maxWeightRatio: 1 },
    responseRates: {},
    metrics,
    targets: {},
    benchmarks: {},
    minimumBase: { suppress: 30, flag: 100 },
    drivers: {},
    operational: {
      behaviour: null,
      complaints: null,
      customers: null,
      voice: {
        comments: 0,
        byClass: { promoter: 0, passive: 0, detractor: 0, unknown: 0 },
        themes: [],
      },
      competitor: null,
    },
  };
}

const steady = [10, 9, 8, 7, 6, 10, 9, 3, 10, 8];
const wobble = [10, 9, 8, 7, 6, 10, 9, 3, 10, 6]; // one passive in ten becomes a detractor: −10 points
const fallen = [10, 9, 8, 7, 6, 5, 4, 3, 8, 8]; // promoters 30% → 20%, detractors 20% → 40%

describe('changeFindings', () => {
  it('finds a planted decline in one group with its test and the Holm adjustment', () => {
    const before = period('Q1', { A: steady, B: steady, C: steady });
    const after = period('Q2', { A: steady, B: fallen, C: steady });
    const findings = changeFindings(after, changesBetween(after, before), 'Q1');
    const decline = findings.find((f) => f.id === 'decline:nps:group=B');
    expect(decline).toBeDefined();
    expect(decline!.effect).toBeLessThan(-20);
    expect(decline!.test.pAdjusted).toBeLessThan(0.05);
    expect(decline!.test.pAdjusted).toBeGreaterThanOrEqual(decline!.test.p!);
    expect(findings.find((f) => f.id === 'gap:nps:group=B')).toBeDefined();
    expect(
      findings.some((f) => f.id === 'decline:nps:group=A' || f.id === 'decline:nps:group=C'),
    ).toBe(false);
  });

  it('does not report a non-significant wobble', () => {
    const before = period('Q1', { A: steady, B: steady });
    const after = period('Q2', { A: wobble, B: steady }, 60);
    const findings = changeFindings(after, changesBetween(after, before), 'Q1');
    const change = changesBetween(after, before).nps!.segments.group!.A!;
    expect(change.delta).toBeCloseTo(-10, 9);
    expect(change.significant).toBe(false);
    expect(findings.filter((f) => f.kind === 'decline')).toEqual([]);
  });
});
