import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomerRow } from '../contracts/row-types.ts';
import { addCustomer, createCustomerBase, mergeCustomerBase } from '../reducing/customer-base.ts';
import { twoProportionTest } from '../statistics/two-proportion-test.ts';
import { customerBaseFigures as withSums } from './customer-base-figures.ts';

/** The figures alone (the registry's sums are checked with the churned-revenue metric). */
const customerBaseFigures = (state: Parameters<typeof withSums>[0]) => withSums(state).figures;
import { holm } from '../statistics/p-adjust.ts';

function row(churned: boolean | undefined, contract?: string, revenue?: number): CustomerRow {
  return { customerId: 'c', churned, revenue, segments: { contract } };
}

function reduce(rows: readonly CustomerRow[]) {
  return rows.reduce(addCustomer, createCustomerBase());
}

describe('customer base churn', () => {
  it('counts an empty churn flag apart, never as retained', () => {
    const figures = customerBaseFigures(
      reduce([row(true, 'A', 10), row(false, 'A', 30), row(undefined, 'A', 50)]),
    );
    expect(figures.customers).toBe(2);
    expect(figures.unknown).toBe(1);
    expect(figures.churn).toMatchObject({ k: 1, n: 2, value: 50 });
    expect(figures.revenueAtRisk).toBeCloseTo(25, 12);
  });

  it('tests each level against the rest and adjusts across levels', () => {
    const rows = [
      ...Array.from({ length: 40 }, (_, i) => row(i < 20, 'Monthly')),
      ...Array.from({ length: 60 }, (_, i) => row(i < 6, 'Yearly')),
    ];
    const levels = customerBaseFigures(reduce(rows)).bySegment.contract!;
    const monthly = twoProportionTest(20, 40, 6, 60);
    const yearly = twoProportionTest(6, 60, 20, 40);
    expect(levels.map((l) => l.level)).toEqual(['Monthly', 'Yearly']);
    expect(levels[0]!.delta).toBeCloseTo(50 - 10, 12);
    expect(levels[0]!.p).toBeCloseTo(monthly.p, 15);
    expect(levels.map((l) => l.pAdjusted)).toEqual(holm([monthly.p, yearly.p]));
  });

  it('merging any split equals one pass, in any order', () => {
    const rowArb = fc.record({
      customerId: fc.constant('c'),
      churned: fc.option(fc.boolean(), { nil: undefined }),
      revenue: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
      segments: fc.record({ contract: fc.constantFrom('A', 'B', 'C', undefined) }),
    });
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 80 }), fc.nat(), (rows, cut) => {
        const at = rows.length === 0 ? 0 : cut % rows.length;
        const merged = mergeCustomerBase(reduce(rows.slice(at)), reduce(rows.slice(0, at)));
        expect(customerBaseFigures(merged)).toEqual(customerBaseFigures(reduce(rows)));
      }),
    );
  });
});
