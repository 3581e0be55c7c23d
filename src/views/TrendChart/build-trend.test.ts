import { describe, expect, it } from 'vitest';
import type { TrendPoint } from '../../contracts/figures-schema.ts';
import { CSAT } from '../../../test/metric-infos.ts';
import { buildTrend, TREND_LAYOUTS } from './build-trend.ts';

const csat = CSAT;

const point = (
  period: string,
  value: number | null,
  change: TrendPoint['change'] = null,
  base: TrendPoint['base'] = 'ok',
): TrendPoint => ({
  snapshot: period,
  period,
  value,
  lower: value === null ? null : value - 2.5,
  upper: value === null ? null : value + 2.5,
  n: value === null ? 12 : 1300,
  base: value === null ? 'suppressed' : base,
  change,
});
const drop = {
  delta: -4.2,
  statistic: -2.3,
  p: 0.021,
  significant: true,
  test: 'two-proportion-z' as const,
};
const QUARTERS = [
  'Q4 2024',
  'Q1 2025',
  'Q2 2025',
  'Q3 2025',
  'Q4 2025',
  'Q1 2026',
  'Q2 2026',
  'Q3 2026',
];
const eight = QUARTERS.map((q, i) => point(q, 60 + i, i === 7 ? drop : null));

describe('buildTrend', () => {
  it('writes the latest period under the chart in both layouts, inside the drawing', () => {
    const trend = buildTrend(csat, eight);
    for (const g of [trend.wide, trend.narrow]) {
      const last = g.xLabels.find((l) => l.last);
      expect(last?.text).toBe('Q3 2026');
      const half = (last!.text.length * g.fontSize * 0.58) / 2;
      const right =
        last!.anchor === 'end'
          ? last!.x
          : last!.anchor === 'middle'
            ? last!.x + half
            : last!.x + 2 * half;
      expect(right).toBeLessThanOrEqual(g.width);
    }
    // A phone's chart writes every other label, counted back from the latest.
    expect(trend.narrow.xLabels.map((l) => l.text)).toEqual([
      'Q1 2025',
      'Q3 2025',
      'Q1 2026',
      'Q3 2026',
    ]);
    expect(trend.wide.xLabels).toHaveLength(8);
    expect(trend.wide.width).toBe(TREND_LAYOUTS.wide.width);
  });

  it('marks a real change with a triangle in its direction and says it in words', () => {
    const trend = buildTrend(csat, eight);
    expect(trend.wide.points.at(-1)).toMatchObject({ shape: 'down', tone: 'bad', open: false });
    expect(trend.wide.points[0]).toMatchObject({ shape: 'circle', tone: 'neutral' });
    expect(trend.summary).toContain('the latest change is −4.2 pp, a real drop');
    expect(trend.rows.at(-1)).toMatchObject({ mark: '▼', change: '−4.2 pp, a real drop' });
  });

  it('draws a suppressed period as a gap, never as a value', () => {
    const points = [
      point('A', 60),
      point('B', 61),
      point('C', null),
      point('D', 62),
      point('E', 63),
    ];
    const trend = buildTrend(csat, points);
    expect(trend.wide.points).toHaveLength(4);
    expect(trend.wide.lines).toHaveLength(2);
    expect(trend.wide.bands).toHaveLength(2);
    expect(trend.rows[2]).toMatchObject({ value: 'too few (n = 12)', interval: '—' });
  });

  it('draws an indicative point open and keeps the caveat with its mark', () => {
    const points = [
      point('A', 60, null, 'indicative'),
      point('B', 70, { ...drop, delta: 10 }, 'indicative'),
    ];
    const trend = buildTrend(csat, points);
    expect(trend.wide.points[1]).toMatchObject({ shape: 'up', open: true });
    expect(trend.rows[1]!.change).toBe('+10.0 pp, a real rise (indicative)');
    expect(trend.hasIndicative).toBe(true);
  });

  it('keeps the target on the chart and every value inside the plot', () => {
    const trend = buildTrend(csat, eight, { target: 75 });
    const g = trend.wide;
    expect(g.target).not.toBeNull();
    for (const p of g.points) {
      expect(p.y).toBeGreaterThanOrEqual(g.box.y);
      expect(p.y).toBeLessThanOrEqual(g.box.y + g.box.h);
    }
    expect(g.target!.y).toBeGreaterThanOrEqual(g.box.y);
  });
});
