import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../test/build-site.ts';
import { snapshotFigures } from '../build/load-reviews.ts';
import { loadSnapshotReduced } from './reduce-snapshot.ts';

async function figuresOf(parallelBytes: number) {
  const { loaded, reducers } = await loadSnapshotReduced(
    join(ROOT, 'data/2026-Q3'),
    'data/2026-Q3',
    { parallelBytes },
  );
  const tables = Object.fromEntries(
    Object.entries(loaded.tables).map(([k, t]) => [
      k,
      { file: t.file, rows: t.rows, used: t.used },
    ]),
  );
  return {
    loaded,
    figures: snapshotFigures(loaded.manifest!, loaded.hash!, reducers!.survey, tables, {
      reducers: reducers!,
    }).figures,
  };
}

describe('loadSnapshotReduced', () => {
  it('reading the orders (and hashing the survey) on a worker thread gives the same hash, tables, figures and diagnostics as one thread', async () => {
    const one = await figuresOf(Number.POSITIVE_INFINITY);
    const two = await figuresOf(0);
    expect(two.loaded.hash).toBe(one.loaded.hash);
    expect(two.loaded.tables).toEqual(one.loaded.tables);
    expect(two.loaded.tables.survey!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(two.loaded.diagnostics).toEqual(one.loaded.diagnostics);
    expect(JSON.stringify(two.figures)).toBe(JSON.stringify(one.figures));
    expect(two.figures.operational.behaviour!.orders).toBeGreaterThan(8000);
  });
});
