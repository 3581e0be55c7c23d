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
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { TABLE_NAMES, type TableName } from '../contracts/fields.ts';
import type { Manifest } from '../contracts/manifest-schema.ts';
import type { Pseudonyms, ReducedSource } from '../contracts/reduced-schema.ts';
import { diagnostic, type Diagnostic } from '../reading/diagnostics.ts';
import { IdRegistry, type IdRegistryState } from '../reading/id-registry.ts';
import {
  readSnapshot,
  snapshotHash,
  type LoadedSnapshot,
  type TableSummary,
} from '../reading/read-snapshot.ts';
import { readManifest, type ManifestReadResult } from '../reading/read-manifest.ts';
import { unpackBehaviour, type PackedBehaviour } from './fast/pack-behaviour.ts';
import { mergeBehaviour } from './behaviour-state.ts';
import { referenceDiagnostics } from './check-references.ts';
import type { ExploreStates } from './explore-reducers.ts';
import { isReducedSnapshot, readReducedSnapshot } from './reduced-snapshot.ts';
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
  /** The orders' ids, when tickets refer to orders (checked here once the tickets are read). */
  orderIds: IdRegistryState | null;
}

export interface ReduceOptions {
  /** Orders files above this many bytes are read on a worker thread. */
  parallelBytes?: number;
  /** The worker's module (tests hand in a broken one). */
  workerUrl?: URL;
  /** Where a note about threads goes (the build's logger). */
  log?: (message: string) => void;
  /** Absolute folders outside the snapshot whose files its manifest may name. */
  externalData?: readonly string[];
}

export interface ReduceResult {
  loaded: LoadedSnapshot;
  reducers: SnapshotReducers | null;
  /** Threads that read the snapshot. */
  threads: 1 | 2;
  /**
   * Set for a reduced snapshot (reduced-snapshot.ts): its Explore states (read from the file,
   * not from tables), the pseudonyms its customer ids are, and the raw snapshot it came from.
   */
  reducedFrom?: { explore: ExploreStates; pseudonyms: Pseudonyms; source: ReducedSource };
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
    return statSync(resolve(dir, file)).size > threshold;
  } catch {
    // A missing orders file is reported by the reader, on this thread.
    return false;
  }
}

/** The states of a reduced snapshot folder, as a load of its raw snapshot would give them. */
function reducedResult(dir: string, displayDir: string, options: ReduceOptions): ReduceResult {
  const read = readReducedSnapshot(dir, displayDir, { externalData: options.externalData });
  if (!read.states || !read.source) return { loaded: read.loaded, reducers: null, threads: 1 };
  return {
    loaded: read.loaded,
    // Nothing is read into them: the sinks take nothing.
    reducers: { ...read.states.reduced, sinks: { survey: () => {} } },
    threads: 1,
    reducedFrom: {
      explore: read.states.explore,
      pseudonyms: read.pseudonyms,
      source: read.source,
    },
  };
}

/**
 * Parquet tables are read by the SQL path only (`npm run reduce -- <dir> --engine duckdb`):
 * an error for each one the TypeScript reader would be handed.
 */
function parquetTables(manifest: Manifest, displayDir: string): Diagnostic[] {
  return TABLE_NAMES.flatMap((name) => {
    const file = manifest.tables[name]?.file;
    if (!file || !/\.parquet$/i.test(file)) return [];
    return [
      diagnostic('table-format-unsupported', {
        file: `${displayDir}/manifest.json`,
        column: `tables.${name}.file`,
        value: file,
        message: 'a Parquet file is read by the SQL path only, not by the build',
        hint: `reduce the snapshot where it is: \`npm run reduce -- ${displayDir} --engine duckdb\`, and build from the reduced snapshot it writes`,
      }),
    ];
  });
}

/**
 * Reads a snapshot and feeds every reducer; returns the load result and the reducers. A
 * reduced snapshot folder (one with `reduced.json`) is read from its states instead.
 */
export async function reduceSnapshot(
  dir: string,
  displayDir: string,
  options: ReduceOptions = {},
): Promise<ReduceResult> {
  if (isReducedSnapshot(dir)) return reducedResult(dir, displayDir, options);
  let reducers: SnapshotReducers | null = null;
  const create = (manifest: Manifest) => {
    reducers = createSnapshotReducers(manifest);
    return reducers.sinks;
  };
  // Read once here: the reads below (and the worker) are handed this reading.
  const read = readManifest(dir, displayDir, { externalData: options.externalData });
  const { manifest } = read;
  const parquet = manifest ? parquetTables(manifest, displayDir) : [];
  if (parquet.length > 0) {
    const loaded = await readSnapshot(dir, displayDir, create, {
      read: { ...read, diagnostics: [...read.diagnostics, ...parquet] },
    });
    return { loaded, reducers: null, threads: 1 };
  }
  const valid = manifest && !read.diagnostics.some((d) => d.level === 'error');
  if (!valid || !largeOrders(dir, manifest, options.parallelBytes ?? PARALLEL_BYTES)) {
    const loaded = await readSnapshot(dir, displayDir, create, { read });
    return { loaded: withReferences(loaded, reducers, null, displayDir), reducers, threads: 1 };
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
    const loaded = await readSnapshot(dir, displayDir, create, { read });
    return { loaded: withReferences(loaded, reducers, null, displayDir), reducers, threads: 1 };
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
  const both: LoadedSnapshot = {
    ...loaded,
    parts,
    tables,
    hash: complete ? snapshotHash(parts) : null,
    diagnostics: [...loaded.diagnostics, ...orders.diagnostics],
  };
  const orderIds = orders.orderIds ? IdRegistry.fromState(orders.orderIds) : null;
  return { loaded: withReferences(both, r, orderIds, displayDir), reducers: r, threads: 2 };
}

/** The load with the warnings of its references between tables added. */
function withReferences(
  loaded: LoadedSnapshot,
  reducers: SnapshotReducers | null,
  ordersElsewhere: IdRegistry | null,
  displayDir: string,
): LoadedSnapshot {
  const found = referenceDiagnostics(
    loaded,
    reducers?.behaviour ?? null,
    ordersElsewhere,
    displayDir,
  );
  return found.length === 0
    ? loaded
    : { ...loaded, diagnostics: [...loaded.diagnostics, ...found] };
}
