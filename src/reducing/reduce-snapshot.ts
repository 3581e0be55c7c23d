/**
 * Loads a snapshot into its reducers. A large orders table is read on a worker thread while
 * the survey and tickets are read here; the worker, which finishes first, then hashes the
 * survey's file, read here unhashed. Its behaviour state merges exactly into the main one (the
 * reducers are built to merge), so the figures and the snapshot hash are the same as one pass,
 * in about the time of the longer half on a machine with two cores.
 */
import { statSync } from 'node:fs';
import { getCompileCacheDir } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { mergeBehaviour, unpackBehaviour, type PackedBehaviour } from './customer-behaviour.ts';
import { TABLE_NAMES, type TableName } from '../contracts/fields.ts';
import type { Diagnostic } from '../reading/diagnostics.ts';
import {
  loadSnapshot,
  snapshotHash,
  type LoadedSnapshot,
  type TableSummary,
} from '../reading/read-snapshot.ts';
import { readManifest, type ManifestReadResult } from '../reading/read-manifest.ts';
import type { Manifest } from '../contracts/manifest-schema.ts';
import {
  createSnapshotReducers,
  surveyConfig,
  type SnapshotReducers,
} from './snapshot-reducers.ts';

/** Orders files above this size are read on a worker thread (override: REVIEW_PARALLEL_BYTES). */
const PARALLEL_BYTES = Number(process.env.REVIEW_PARALLEL_BYTES ?? 16 * 2 ** 20);

interface WorkerResult {
  behaviour: PackedBehaviour;
  tables: Partial<Record<string, TableSummary>>;
  parts: Array<[string, string]>;
  diagnostics: Diagnostic[];
}

function ordersOnWorker(
  dir: string,
  displayDir: string,
  read: ManifestReadResult,
  hash: string[],
): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    // The worker is handed the manifest as read here, so it starts without the schema library,
    // and loads its modules through Node's compile cache: compiling (and stripping the types
    // of) the loader and the metrics again in every build took it about 100 ms of its start.
    const worker = new Worker(new URL('./orders-worker.ts', import.meta.url), {
      workerData: { dir, displayDir, read, hash },
      env: {
        ...process.env,
        NODE_COMPILE_CACHE:
          process.env.NODE_COMPILE_CACHE ??
          getCompileCacheDir() ??
          join(tmpdir(), 'node-compile-cache'),
      },
    });
    worker.once('message', (result: WorkerResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`orders worker exited with code ${code}`));
    });
  });
}

function largeOrders(dir: string, manifest: Manifest | null, threshold: number): boolean {
  const file = manifest?.tables.orders?.file;
  if (!file) return false;
  try {
    return statSync(join(dir, file)).size > threshold;
  } catch {
    return false;
  }
}

/** Loads a snapshot and feeds every reducer; returns the load result and the reducers. */
export async function loadSnapshotReduced(
  dir: string,
  displayDir: string,
  options: { parallelBytes?: number } = {},
): Promise<{ loaded: LoadedSnapshot; reducers: SnapshotReducers | null }> {
  let reducers: SnapshotReducers | null = null;
  const create = (manifest: Parameters<typeof createSnapshotReducers>[0]) => {
    reducers = createSnapshotReducers(manifest, surveyConfig(manifest));
    return reducers.sinks;
  };
  // Read once here: the loads below (and the worker) are handed this reading.
  const read = readManifest(dir, displayDir);
  const { manifest } = read;
  const valid = manifest && !read.diagnostics.some((d) => d.level === 'error');
  if (!valid || !largeOrders(dir, manifest, options.parallelBytes ?? PARALLEL_BYTES)) {
    const loaded = await loadSnapshot(dir, displayDir, create, { read });
    return { loaded, reducers };
  }
  let loaded: LoadedSnapshot;
  let orders: WorkerResult;
  // The worker, which finishes first, hashes the survey's file too.
  const surveyFile = manifest.tables.survey?.file;
  try {
    [loaded, orders] = await Promise.all([
      loadSnapshot(dir, displayDir, create, {
        read,
        only: TABLE_NAMES.filter((name) => name !== 'orders'),
        hashElsewhere: surveyFile ? ['survey'] : [],
      }),
      ordersOnWorker(dir, displayDir, read, surveyFile ? [surveyFile] : []),
    ]);
  } catch {
    // Where workers cannot start (an unusual bundler or runtime), read everything here.
    return { loaded: await loadSnapshot(dir, displayDir, create, { read }), reducers };
  }
  const r = reducers as SnapshotReducers | null;
  if (r?.behaviour) {
    const here = r.behaviour;
    const fromWorker = unpackBehaviour(orders.behaviour);
    // The orders were all read on the worker, so the state here is empty: the unpacked one,
    // which nothing else holds, is the whole behaviour (a merge would copy it to no effect).
    const empty =
      here.customers.size === 0 &&
      here.missingAmount === 0 &&
      Object.keys(here.excluded).length === 0;
    r.behaviour = empty ? fromWorker : mergeBehaviour(here, fromWorker);
  }
  const parts = [...loaded.parts, ...orders.parts];
  // Same key order as a one-thread load, so the figures JSON is byte-identical.
  const merged: Partial<Record<TableName, TableSummary>> = { ...loaded.tables, ...orders.tables };
  const surveySha = orders.parts.find(([file]) => file === surveyFile)?.[1] ?? null;
  if (merged.survey) merged.survey = { ...merged.survey, sha256: surveySha };
  const tables: Partial<Record<TableName, TableSummary>> = {};
  for (const name of TABLE_NAMES) if (merged[name]) tables[name] = merged[name];
  const complete =
    loaded.hash !== null && !!orders.tables.orders?.sha256 && (!surveyFile || surveySha !== null);
  return {
    loaded: {
      ...loaded,
      parts,
      tables,
      hash: complete ? snapshotHash(parts) : null,
      diagnostics: [...loaded.diagnostics, ...orders.diagnostics],
    },
    reducers: r,
  };
}
