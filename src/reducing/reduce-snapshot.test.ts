import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../test/build-site.ts';
import { snapshotInput } from '../build/review-data.ts';
import { firstCarry, reviewFigures } from '../figures/review-figures.ts';
import { reduceSnapshot, WorkerFailedError, type ReduceOptions } from './reduce-snapshot.ts';

const DIR = join(ROOT, 'data/2026-Q3');

async function figuresOf(options: ReduceOptions) {
  const result = await reduceSnapshot(DIR, 'data/2026-Q3', options);
  const input = snapshotInput(result, 'data/2026-Q3', result.loaded.diagnostics);
  const { figures } = reviewFigures(input!, firstCarry(), []);
  return { ...result, figures };
}

/** A worker module that fails as it starts. */
function brokenWorker(): URL {
  const dir = mkdtempSync(join(tmpdir(), 'broken-worker-'));
  const file = join(dir, 'worker.mjs');
  writeFileSync(file, "throw new Error('cannot start: disk on fire');\n");
  return pathToFileURL(file);
}

describe('reduceSnapshot', () => {
  it('reading the orders (and hashing the survey) on a worker thread gives the same hash, tables, figures and diagnostics as one thread', async () => {
    const one = await figuresOf({ parallelBytes: Number.POSITIVE_INFINITY });
    const two = await figuresOf({ parallelBytes: 0 });
    // Two threads did the work (a fall back to one thread would not pass here).
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    expect(two.loaded.hash).toBe(one.loaded.hash);
    expect(two.loaded.tables).toEqual(one.loaded.tables);
    expect(two.loaded.tables.survey!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(two.loaded.diagnostics).toEqual(one.loaded.diagnostics);
    expect(JSON.stringify(two.figures)).toBe(JSON.stringify(one.figures));
    expect(two.figures.behaviour!.orders).toBeGreaterThan(8000);
  });

  it('a worker that fails is an error with its cause, not a slower success', async () => {
    const failure = reduceSnapshot(DIR, 'data/2026-Q3', {
      parallelBytes: 0,
      workerUrl: brokenWorker(),
    });
    await expect(failure).rejects.toThrow(WorkerFailedError);
    await expect(failure).rejects.toThrow(/orders failed: cannot start: disk on fire/);
  });
});
