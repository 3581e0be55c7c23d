import fc from 'fast-check';
import { Matrix } from 'ml-matrix';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ORACLE_DIR, reference, type MobiConstruct } from '../../test/oracles.ts';
import { respondentIndex } from '../reducing/satisfaction-index.ts';
import { addMoment, createMoments } from '../reducing/weighted-moments.ts';
import { meanInterval } from './mean-interval.ts';
import { sharedDataset } from '../../test/shared-datasets.ts';
import {
  addDriverRow,
  createDriverState,
  mergeDriverStates,
  type DriverState,
} from '../reducing/driver-state.ts';
import { driverAnalysis, johnsonWeights } from './relative-weights.ts';

const mobi = sharedDataset('mobi', 'mobi.csv');

const CONSTRUCTS: Record<string, string[]> = {
  Image: ['IMAG1', 'IMAG2', 'IMAG3', 'IMAG4', 'IMAG5'],
  Expectation: ['CUEX1', 'CUEX2', 'CUEX3'],
  Quality: ['PERQ1', 'PERQ2', 'PERQ3', 'PERQ4', 'PERQ5', 'PERQ6', 'PERQ7'],
  Value: ['PERV1', 'PERV2'],
  Satisfaction: ['CUSA1', 'CUSA2', 'CUSA3'],
};
const DRIVERS: MobiConstruct[] = ['Image', 'Expectation', 'Quality', 'Value'];

describe.skipIf(!mobi.available)(
  `key drivers on the ECSI mobile-phone survey${mobi.reason}`,
  () => {
    it('the 0–100 satisfaction index over CUSA1–3 (scale 1–10) reproduces the reference', () => {
      const rows = Papa.parse<Record<string, string>>(readFileSync(mobi.path, 'utf8'), {
        header: true,
        skipEmptyLines: true,
      }).data;
      const items = CONSTRUCTS.Satisfaction!.map(() => ({ min: 1, max: 10 }));
      const moments = createMoments();
      for (const row of rows) {
        addMoment(
          moments,
          respondentIndex(
            items,
            CONSTRUCTS.Satisfaction!.map((column) => Number(row[column])),
            items.map((_, i) => i),
          )!,
        );
      }
      expect(meanInterval(moments)!.mean).toBeCloseTo(reference.mobi.satisfaction_index_0_100, 9);
    });

    it('driverAnalysis reproduces the reference R², Pearson r, LMG and Johnson weights to 1e-6', () => {
      const rows = Papa.parse<Record<string, string>>(readFileSync(mobi.path, 'utf8'), {
        header: true,
        skipEmptyLines: true,
      }).data;
      const state = createDriverState(DRIVERS, 'Satisfaction');
      for (const row of rows) {
        const values: Record<string, number> = {};
        for (const [construct, items] of Object.entries(CONSTRUCTS)) {
          values[construct] = items.reduce((s, item) => s + Number(row[item]), 0) / items.length;
        }
        addDriverRow(state, values);
      }
      const result = driverAnalysis(state);
      const ref = reference.mobi.drivers;
      expect(result.n).toBe(ref.n);
      expect(result.r2).toBeCloseTo(ref.r2, 6);
      for (const d of DRIVERS) {
        expect(result.pearson[d]).toBeCloseTo(ref.pearson[d]!, 6);
        expect(result.lmg[d]).toBeCloseTo(ref.lmg[d]!, 6);
        expect(result.johnson[d]).toBeCloseTo(ref.johnson[d]!, 6);
      }
    });
  },
);

const rowArb = fc.record({
  a: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined, freq: 10 }),
  b: fc.integer({ min: 1, max: 5 }),
  c: fc.integer({ min: 1, max: 5 }),
  y: fc.integer({ min: 1, max: 10 }),
});

function stateOf(rows: ReadonlyArray<Record<string, number | undefined>>): DriverState {
  const state = createDriverState(['a', 'b', 'c'], 'y');
  for (const row of rows)
    addDriverRow(state, { ...row, y: (row.y ?? 0) + (row.a ?? 0) + 2 * (row.b ?? 0) });
  return state;
}

/** The analysis of generated rows, or null for constant or collinear draws (rejected loudly). */
function analysisOf(rows: ReadonlyArray<Record<string, number | undefined>>) {
  try {
    return driverAnalysis(stateOf(rows));
  } catch {
    return null;
  }
}

describe('driverAnalysis properties', () => {
  it('Johnson weights and LMG shares each sum to R²', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 30, maxLength: 120 }), (rows) => {
        const result = analysisOf(rows);
        if (!result) return true;
        const johnson = Object.values(result.johnson).reduce((a, b) => a + b, 0);
        const lmg = Object.values(result.lmg).reduce((a, b) => a + b, 0);
        return Math.abs(johnson - result.r2) < 1e-8 && Math.abs(lmg - result.r2) < 1e-8;
      }),
      { numRuns: 60 },
    );
  });

  it('merging the states of a split equals one pass, and missing answers are listwise excluded', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 30, maxLength: 100 }), fc.nat(), (rows, cut) => {
        const at = cut % rows.length;
        const one = stateOf(rows);
        const merged = mergeDriverStates(stateOf(rows.slice(0, at)), stateOf(rows.slice(at)));
        expect(merged.n).toBe(one.n);
        expect(one.n + one.incomplete).toBe(rows.length);
        merged.products.forEach((p, i) => expect(p).toBeCloseTo(one.products[i]!, 6));
      }),
      { numRuns: 40 },
    );
  });

  it('R² of a perfectly linear outcome is 1', () => {
    const state = createDriverState(['a', 'b'], 'y');
    for (let i = 0; i < 40; i++)
      addDriverRow(state, { a: i % 5, b: (i * 7) % 11, y: 2 * (i % 5) + 3 * ((i * 7) % 11) });
    expect(driverAnalysis(state).r2).toBeCloseTo(1, 9);
  });
});

/** numpy reference: see test/fixtures/oracles/johnson-weights.py. */
const johnsonOracle = JSON.parse(readFileSync(`${ORACLE_DIR}johnson-weights.json`, 'utf8')) as {
  cases: Array<{ name: string; matrix: number[][]; weights: number[]; r2: number }>;
};

describe('johnsonWeights', () => {
  it.each(johnsonOracle.cases)(
    'johnsonWeights($name) matches the numpy eigh/solve reference to 1e-9',
    ({ matrix, weights, r2 }) => {
      const result = johnsonWeights(new Matrix(matrix));
      expect(result.weights).toHaveLength(weights.length);
      result.weights.forEach((w, j) => expect(w).toBeCloseTo(weights[j]!, 9));
      expect(result.r2).toBeCloseTo(r2, 9);
    },
  );

  it('johnsonWeights of a state’s correlations are driverAnalysis’s Johnson weights and R²', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 30, maxLength: 120 }), (rows) => {
        const result = analysisOf(rows);
        if (!result) return true;
        // Correlations of a, b, c, y from the same rows, computed directly.
        const data = rows
          .filter((row) => row.a !== undefined)
          .map((row) => [row.a!, row.b, row.c, row.y + row.a! + 2 * row.b]);
        const k = 4;
        const mean = Array.from(
          { length: k },
          (_, i) => data.reduce((s, r) => s + r[i]!, 0) / data.length,
        );
        const cov = (i: number, j: number) =>
          data.reduce((s, r) => s + (r[i]! - mean[i]!) * (r[j]! - mean[j]!), 0);
        const corr = Matrix.from1DArray(
          k,
          k,
          Array.from({ length: k * k }, (_, idx) => {
            const [i, j] = [Math.floor(idx / k), idx % k];
            return cov(i, j) / Math.sqrt(cov(i, i) * cov(j, j));
          }),
        );
        const { weights, r2 } = johnsonWeights(corr);
        expect(r2).toBeCloseTo(result.r2, 8);
        ['a', 'b', 'c'].forEach((d, j) => expect(weights[j]).toBeCloseTo(result.johnson[d]!, 8));
      }),
      { numRuns: 60 },
    );
  });

  it('johnsonWeights rejects a matrix that is not square', () => {
    expect(() => johnsonWeights(new Matrix([[1, 0.5]]))).toThrow(
      'johnsonWeights requires a square matrix of at least 2 variables',
    );
  });
});
