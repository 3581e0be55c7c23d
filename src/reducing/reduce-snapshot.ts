/**
 * Reads a snapshot into its reducers. A large orders table is read on a worker thread while the
 * survey and tickets are read here; the worker, which finishes first, then hashes the survey's
 * file, read here unhashed. Its behaviour state merges exactly into this thread's (the reducers
 * are built to merge), so the figures and the snapshot hash are those of one pass, in about the
 * time of the longer half on a machine with two cores.
 *
 * A worker that cannot be created (a runtime without threads) is said in `threads` and a
 * logged note, and everything is read here; a worker that starts and then fails is an error
 * with its cause, never a silent slower success.
 */
import { statSync } from 'node:fs';
import { getCompileCacheDir } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { TABLE_NAMES, type TableName } from '../contracts/fields.ts';
import type { Manifest } from '../contracts/manifest-schema.ts';
import type { Diagnostic } from '../reading/diagnostics.ts';
import {
  readSnapshot,
  snapshotHash,
  type LoadedSnapshot,
  type TableSummary,
} from '../reading/read-snapshot.ts';
import { readManifest, type ManifestReadResult } from '../reading/read-manifest.ts';
import { unpackBehaviour, type PackedBehaviour } from './fast/pack-behaviour.ts';
import { mergeBehaviour } from './behaviour-state.ts';
import { createSnapshotReducers, type SnapshotReducers } from './snapshot-reducers.ts';

/** Orders files above this size are read on a worker thread (override: REVIEW_PARALLEL_BYTES). */
const PARALLEL_BYTES = Number(process.env.REVIEW_PARALLEL_BYTES ?? 16 * 2 ** 20);

/** The orders worker's module. */
const ORDERS_WORKER = new URL('./orders-worker.ts', import.meta.url);

/** What the orders worker hands back. */
export interface WorkerResult {
  behaviour: PackedBehaviour;
  tables: Partial<Record<string, TableSummary>>;
  parts: Array<[string, string]>;
  diagnostics: Diagnostic[];
}

export interface ReduceOptions {
  /** Orders files above this many bytes are read on a worker thread. */
  parallelBytes?: number;
  /** The worker's module (tests hand in a broken one). */
  workerUrl?: URL;
  /** Where a note about threads goes (the build's logger). */
  log?: (message: string) => void;
}

export interface ReduceResult {
  loaded: LoadedSnapshot;
  reducers: SnapshotReducers | null;
  /** Threads that read the snapshot. */
  threads: 1 | 2;
}

/** Thrown when the orders worker started and then failed: the snapshot was not read. */
export class WorkerFailedError extends Error {
  override name = 'WorkerFailedError';
}

/**
 * Starts the worker; resolves with its result, rejects with a WorkerFailedError when it fails.
 * Returns null when no worker can be created here.
 */
function startOrdersWorker(
  url: URL,
  data: { dir: string; displayDir: string; read: ManifestReadResult; hash: string[] },
): Promise<WorkerResult> | null {
  let worker: Worker;
  try {
    // The worker is handed the manifest as read here, so it starts without the schema library,
    // and loads its modules through Node's compile cache, as the main thread does.
    worker = new Worker(url, {
      workerData: data,
      env: {
        ...process.env,
        NODE_COMPILE_CACHE:
          process.env.NODE_COMPILE_CACHE ??
          getCompileCacheDir() ??
          join(tmpdir(), 'node-compile-cache'),
      },
    });
  } catch {
    return null;
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.once('message', (result: WorkerResult) => {
      settled = true;
      resolve(result);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(
        new WorkerFailedError(
          `the thread reading ${data.displayDir}'s orders failed: ${error.message}`,
          { cause: error },
        ),
      );
    });
    worker.once('exit', (code) => {
      if (settled) return;
      reject(
        new WorkerFailedError(
          `the thread reading ${data.displayDir}'s orders stopped (exit code ${code}) before handing back its result`,
        ),
      );
    });
  });
}

function largeOrders(dir: string, manifest: Manifest, threshold: number): boolean {
  const file = manifest.tables.orders?.file;
  if (!file) return false;
  try {
    return statSync(join(dir, file)).size > threshold;
  } catch {
    // A missing orders file is reported by the reader, on this thread.
    return false;
  }
}

/** Reads a snapshot and feeds every reducer; returns the load result and the reducers. */
export async function reduceSnapshot(
  dir: string,
  displayDir: string,
  options: ReduceOptions = {},
): Promise<ReduceResult> {
  let reducers: SnapshotReducers | null = null;
  const create = (manifest: Manifest) => {
    reducers = createSnapshotReducers(manifest);
    return reducers.sinks;
  };
  // Read once here: the reads below (and the worker) are handed this reading.
  const read = readManifest(dir, displayDir);
  const { manifest } = read;
  const valid = manifest && !read.diagnostics.some((d) => d.level === 'error');
  if (!valid || !largeOrders(dir, manifest, options.parallelBytes ?? PARALLEL_BYTES)) {
    return { loaded: await readSnapshot(dir, displayDir, create, { read }), reducers, threads: 1 };
  }
  // The worker, which finishes first, hashes the survey's file too.
  const surveyFile = manifest.tables.survey?.file;
  const ordersRead = startOrdersWorker(options.workerUrl ?? ORDERS_WORKER, {
    dir,
    displayDir,
    read,
    hash: surveyFile ? [surveyFile] : [],
  });
  if (ordersRead === null) {
    options.log?.(`threads are not available here: ${displayDir} is read on one thread`);
    return { loaded: await readSnapshot(dir, displayDir, create, { read }), reducers, threads: 1 };
  }
  const [loaded, orders] = await Promise.all([
    readSnapshot(dir, displayDir, create, {
      read,
      only: TABLE_NAMES.filter((name) => name !== 'orders'),
      hashElsewhere: surveyFile ? ['survey'] : [],
    }),
    ordersRead,
  ]);
  const r = reducers as SnapshotReducers | null;
  if (r?.behaviour) {
    const here = r.behaviour;
    const fromWorker = unpackBehaviour(orders.behaviour);
    // The orders were all read on the worker, so the state here is empty: the unpacked one,
    // which nothing else holds, is the whole behaviour (a merge would copy it to no effect).
    const empty =
      here.customers.size === 0 &&
      here.missingAmount === 0 &&
      here.guests.orders === 0 &&
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
    threads: 2,
  };
}
