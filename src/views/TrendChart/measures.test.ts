import { describe, expect, it } from 'vitest';
import type { TrendPoint } from '../../contracts/figures-schema.ts';
import { measureHeading, measureNote, measuresOf } from './measures.ts';

/** A point of period `q` ("Q1 2026" for q = 1), with a value unless null is given. */
const point = (q: number, value: number | null = 50): TrendPoint => ({
  snapshot: `2026-Q${q}`,
  period: `Q${q} 2026`,
  value,
  lower: value === null ? null : value - 1,
  upper: value === null ? null : value + 1,
  n: value === null ? 0 : 100,
  base: value === null ? 'suppressed' : 'ok',
  change: null,
});
const periods = (run: readonly TrendPoint[]) => run.map((p) => p.period);

describe('measuresOf(points, breaks)', () => {
  const points = [point(1), point(2), point(3), point(4)];

  it('is the whole series, with no note, when every period measures the metric alike', () => {
    const m = measuresOf(points, []);
    expect(periods(m.current)).toEqual(['Q1 2026', 'Q2 2026', 'Q3 2026', 'Q4 2026']);
    expect(m.since).toBeNull();
    expect(m.earlier).toEqual([]);
    expect(measureNote(m)).toBeNull();
    // Drawn even with every figure suppressed: the chart says why there is no line.
    expect(measuresOf([point(1, null), point(2, null)], []).drawn).toBe(true);
  });

  it('draws the line from the last change and keeps each earlier measure, newest first', () => {
    const m = measuresOf(points, ['2026-Q2', '2026-Q4']);
    expect(periods(m.current)).toEqual(['Q4 2026']);
    expect(m.since).toBe('Q4 2026');
    expect(m.earlier.map(periods)).toEqual([['Q2 2026', 'Q3 2026'], ['Q1 2026']]);
    expect(m.earlier.map(measureHeading)).toEqual([
      'As measured from Q2 2026 to Q3 2026',
      'As measured in Q1 2026',
    ]);
    expect(measureNote(m)).toBe(
      'Measured as now since Q4 2026: the periods before measured it otherwise (another scale, top box or currency), so its line starts there; their values are under it, as then measured.',
    );
  });

  it('ends an earlier measure at its last period that asked the question', () => {
    // Q3 did not ask it at all (n = 0); Q4 asked it on another scale.
    const m = measuresOf([point(1), point(2), point(3, null), point(4)], ['2026-Q4']);
    expect(m.earlier.map(measureHeading)).toEqual(['As measured from Q1 2026 to Q2 2026']);
    // A group's figure too small to show (n > 0) still belongs to its measure.
    const small = { ...point(3, null), n: 12 };
    const g = measuresOf([point(1), point(2), small, point(4)], ['2026-Q4']);
    expect(g.earlier.map(periods)).toEqual([['Q1 2026', 'Q2 2026', 'Q3 2026']]);
  });

  it('leaves out an earlier measure without a value, and says when there is none since', () => {
    const m = measuresOf([point(1, null), point(2, null), point(3), point(4, null)], ['2026-Q3']);
    expect(m.earlier).toEqual([]);
    expect(m.currentHasValue).toBe(true);
    const group = measuresOf([point(1), point(2), point(3, null)], ['2026-Q3']);
    expect(group.currentHasValue).toBe(false);
    expect(group.drawn).toBe(false);
    expect(measureNote(group, 'Satisfaction index')).toBe(
      'Satisfaction index: measured as now since Q3 2026: the periods before measured it otherwise (another scale, top box or currency), and there is no value since; their values are under it, as then measured.',
    );
  });
});
