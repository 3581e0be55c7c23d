import { describe, expect, it } from 'vitest';
import type { Finding } from '../contracts/figures-schema.ts';
import { rankFindings, whatMattersMost, type DrawnFinding, type ReachOf } from './ranking.ts';

const catalog = {
  csat: { entry: 'csat', range: [0, 100] as [number, number] },
  nps: { entry: 'nps', range: [-100, 100] as [number, number] },
  service: { entry: 'item-top-box', range: [0, 100] as [number, number] },
};

function drawn(
  kind: Finding['kind'],
  metricId: string,
  effect: number,
  segment?: { dimension: string; level: string },
): DrawnFinding {
  return {
    id: `${kind}:${metricId}${segment ? `:${segment.dimension}=${segment.level}` : ''}`,
    kind,
    title: `${kind} ${metricId}`,
    metricId,
    segment,
    effect,
    test: { name: 'two-proportion-z', p: 0.001 },
    significantButIndicative: false,
  };
}

/** Groups A (60% of customers, 20% of revenue) and B (40%, 80%). */
const reach: ReachOf = (segment) =>
  !segment
    ? { population: 1, revenue: 1 }
    : segment.level === 'A'
      ? { population: 0.6, revenue: 0.2 }
      : { population: 0.4, revenue: 0.8 };
const A = { dimension: 'group', level: 'A' };
const B = { dimension: 'group', level: 'B' };

describe('rankFindings', () => {
  it('puts an overall significant decline of a headline metric before a larger group change', () => {
    const ranked = rankFindings(
      [drawn('decline', 'csat', -4), drawn('decline', 'csat', -30, B)],
      catalog,
      reach,
    );
    expect(ranked.map((f) => f.id)).toEqual(['decline:csat', 'decline:csat:group=B']);
    expect(ranked[0]!.tier).toBe('headline');
    // The group change is larger in impact too (30 × 0.6 against 4 × 1): the tier decides.
    expect(ranked[1]!.impact).toBeGreaterThan(ranked[0]!.impact);
    expect(whatMattersMost(ranked, 1).map((f) => f.id)).toEqual(['decline:csat']);
  });

  it('keeps one finding per underlying change: a group’s declines and gaps merge', () => {
    const ranked = rankFindings(
      [
        drawn('decline', 'service', -18, B),
        drawn('gap', 'service', -15, B),
        drawn('decline', 'csat', -10, B),
        drawn('decline', 'service', -12, A),
      ],
      catalog,
      reach,
    );
    expect(ranked.map((f) => f.id)).toEqual(['decline:service:group=B', 'decline:service:group=A']);
    expect(ranked[0]!.related.map((r) => r.id)).toEqual([
      'gap:service:group=B',
      'decline:csat:group=B',
    ]);
    expect(ranked[0]!.related[0]).toMatchObject({ metricId: 'service', segment: B, effect: -15 });
  });

  it('weights a group change by its population share and its revenue share', () => {
    // The same fall in both groups: B's 80% of revenue outweighs A's larger headcount.
    const same = rankFindings(
      [drawn('decline', 'service', -10, A), drawn('decline', 'service', -10, B)],
      catalog,
      reach,
    );
    expect(same.map((f) => f.segment?.level)).toEqual(['B', 'A']);
    expect(same[0]!.impact).toBeCloseTo(10 * ((0.4 + 0.8) / 2), 12);
    expect(same[1]!.impact).toBeCloseTo(10 * ((0.6 + 0.2) / 2), 12);
    // Without orders, headcount alone decides.
    const noOrders: ReachOf = (s) => ({ ...reach(s), revenue: null });
    const byPopulation = rankFindings(
      [drawn('decline', 'service', -10, A), drawn('decline', 'service', -10, B)],
      catalog,
      noOrders,
    );
    expect(byPopulation.map((f) => f.segment?.level)).toEqual(['A', 'B']);
  });

  it('scales effects by the metric’s range and counts improvements after declines', () => {
    const ranked = rankFindings(
      [
        drawn('improvement', 'service', 20, A),
        drawn('decline', 'nps', -10, B), // 10 of 200 points: 5 on a 0–100 scale
        drawn('decline', 'service', -6, B),
      ],
      catalog,
      reach,
    );
    expect(ranked.map((f) => f.id)).toEqual([
      'decline:service:group=B',
      'improvement:service:group=A',
    ]);
    expect(ranked[0]!.related.map((r) => r.id)).toEqual(['decline:nps:group=B']);
    expect(whatMattersMost(ranked).map((f) => f.id)).toEqual(['decline:service:group=B']);
  });
});
