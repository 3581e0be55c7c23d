import { describe, expect, it } from 'vitest';
import type { SurveyRow } from '../contracts/row-types.ts';
import { reviewsOf } from '../../test/review-figures-of.ts';

/** Two periods where each group's recommend scores cycle through the given lists. */
function periods(before: Record<string, number[]>, after: Record<string, number[]>, nAfter = 400) {
  const rows = (id: string, scores: Record<string, number[]>, n: number): SurveyRow[] =>
    Object.entries(scores).flatMap(([group, cycle]) =>
      Array.from({ length: n }, (_, i) => ({
        responseId: `${id}-${group}${i}`,
        segments: { group },
        answers: { recommend: cycle[i % cycle.length]! },
      })),
    );
  const manifest = (id: string, start: string, groups: string[]) => ({
    id,
    period: id,
    start,
    end: start.replace(/-01$/, '-28'),
    segments: {
      group: { label: 'Group', levels: Object.fromEntries(groups.map((g) => [g, {}])) },
    },
    items: { recommend: { scale: [0, 10] as [number, number] } },
    tables: { survey: { file: 'survey.csv', columns: { recommend: 'NPS', group: 'Group' } } },
  });
  return reviewsOf([
    {
      manifest: manifest('Q1', '2026-01-01', Object.keys(before)),
      survey: rows('Q1', before, 400),
    },
    {
      manifest: manifest('Q2', '2026-04-01', Object.keys(after)),
      survey: rows('Q2', after, nAfter),
    },
  ]);
}

const steady = [10, 9, 8, 7, 6, 10, 9, 3, 10, 8];
const wobble = [10, 9, 8, 7, 6, 10, 9, 3, 10, 6]; // one passive in ten becomes a detractor: −10 points
const fallen = [10, 9, 8, 7, 6, 5, 4, 3, 8, 8]; // promoters 30% → 20%, detractors 20% → 40%

describe('findings of the figures stage', () => {
  it('finds a planted decline in one group with its test and the Holm adjustment', () => {
    const [, after] = periods(
      { A: steady, B: steady, C: steady },
      { A: steady, B: fallen, C: steady },
    );
    const findings = after!.findings;
    const decline = findings.find((f) => f.id === 'decline:nps:group=B');
    expect(decline).toBeDefined();
    expect(decline!.effect).toBeLessThan(-20);
    expect(decline!.test.pAdjusted).toBeLessThan(0.05);
    expect(decline!.test.pAdjusted).toBeGreaterThanOrEqual(decline!.test.p!);
    // B's gap to the rest is the same change: merged into the decline, not a second finding.
    expect(findings.find((f) => f.id === 'gap:nps:group=B')).toBeUndefined();
    expect(decline!.related.map((r) => r.id)).toContain('gap:nps:group=B');
    expect(
      findings.some((f) => f.id === 'decline:nps:group=A' || f.id === 'decline:nps:group=C'),
    ).toBe(false);
  });

  it('does not report a non-significant wobble', () => {
    const [, after] = periods({ A: steady, B: steady }, { A: wobble, B: steady }, 60);
    const findings = after!.findings;
    const change = after!.metrics.nps!.segments.group!.A!.change!;
    expect(change.delta).toBeCloseTo(-10, 9);
    expect(change.significant).toBe(false);
    expect(findings.filter((f) => f.kind === 'decline')).toEqual([]);
  });
});
