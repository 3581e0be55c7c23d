import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { reference, type Proportion } from '../../test/oracles.ts';
import { sharedDataset } from '../../test/shared-datasets.ts';
import {
  addProportion,
  createGroupedProportion,
  mergeGroupedProportions,
} from '../reducing/grouped-proportion.ts';
import { groupedProportions } from './grouped-shares.ts';

const telco = sharedDataset('telco', 'Telco-Customer-Churn.csv');

function expectShare(actual: Proportion, ref: Proportion) {
  expect(actual.k).toBe(ref.k);
  expect(actual.n).toBe(ref.n);
  expect(actual.p).toBeCloseTo(ref.p, 12);
  expect(actual.wilson[0]).toBeCloseTo(ref.wilson[0], 10);
  expect(actual.wilson[1]).toBeCloseTo(ref.wilson[1], 10);
}

describe.skipIf(!telco.available)(`churn by contract on IBM Telco${telco.reason}`, () => {
  it('groupedProportions reproduces the reference churn overall and by contract', () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(telco.path, 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    // Two halves merged, as two files or two machines would produce them.
    const halves = [createGroupedProportion(), createGroupedProportion()];
    rows.forEach((row, i) => {
      const churn = row.Churn === 'Yes' ? true : row.Churn === 'No' ? false : undefined;
      addProportion(halves[i % 2]!, row.Contract!, churn);
    });
    const result = groupedProportions(mergeGroupedProportions(halves[0]!, halves[1]!));
    expectShare(result.overall!, reference.telco.churn_all);
    for (const [contract, ref] of Object.entries(reference.telco.churn_by_contract)) {
      expectShare(
        result.groups.find((g) => g.group === contract)!,
        ref,
      );
    }
  });
});

describe('groupedProportions', () => {
  it('counts unknown outcomes apart, never as failures', () => {
    const s = createGroupedProportion();
    addProportion(s, 'a', true);
    addProportion(s, 'a', undefined);
    addProportion(s, 'a', false);
    const [a] = groupedProportions(s).groups;
    expect(a).toMatchObject({ k: 1, n: 2, missing: 1, p: 0.5 });
  });
});
