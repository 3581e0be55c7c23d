import { describe, expect, it } from 'vitest';
import { customerBaseFigures } from '../../figures/customer-base-figures.ts';
import { addCustomer, createCustomerBase } from '../../reducing/customer-base.ts';
import { buildChurn } from './build-churn.ts';

function figures() {
  const state = createCustomerBase();
  const add = (contract: string, churned: boolean) =>
    addCustomer(state, { customerId: 'c', churned, segments: { contract } });
  for (let i = 0; i < 400; i++) add('Monthly', i < 160);
  for (let i = 0; i < 400; i++) add('Yearly', i < 20);
  for (let i = 0; i < 50; i++) add('Other', i < 9);
  return customerBaseFigures(state).figures;
}

describe('buildChurn', () => {
  it('reads each level against the rest and says which differ', () => {
    const view = buildChurn(figures(), { contract: 'Contract' });
    const rows = view.dimensions[0]!.rows;
    expect(rows.map((r) => [r.level, r.verdict])).toEqual([
      ['Monthly', 'higher'],
      ['Other', 'similar'],
      ['Yearly', 'lower'],
    ]);
    expect(view.summary).toEqual([
      'By contract: higher churn than the rest: Monthly; lower: Yearly.',
    ]);
  });

  it('keeps every dot, interval and tick inside the chart', () => {
    const d = buildChurn(figures(), {}).dimensions[0]!;
    for (const r of d.rows) {
      expect(r.xLower).toBeGreaterThanOrEqual(d.chart.box.x);
      expect(r.xUpper).toBeLessThanOrEqual(d.chart.box.x + d.chart.box.w);
      expect(r.xLower).toBeLessThanOrEqual(r.x);
      expect(r.x).toBeLessThanOrEqual(r.xUpper);
    }
    const last = d.chart.ticks.at(-1)!;
    // "100%" at 12px is about 27px wide, centred on the end of the axis.
    expect(last.x + 14).toBeLessThanOrEqual(d.chart.width);
    expect(d.chart.overallX).toBeCloseTo(d.chart.box.x + (189 / 850 / 0.5) * d.chart.box.w, 9);
  });
});
