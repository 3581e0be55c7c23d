/**
 * Worker side of a parallel snapshot read: reads only the orders table of a snapshot and hands
 * back its behaviour state, packed (its buffers transferred), which merges exactly into the main
 * thread's. Any failure here reaches the main thread as the worker's error.
 */
import { resolve } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { hashFile } from '../reading/csv-reader.ts';
import type { ManifestReadResult } from '../reading/read-manifest.ts';
import { readSnapshot } from '../reading/read-snapshot.ts';
import { createBehaviourState } from './behaviour-state.ts';
import { orderFeed } from './fast/customer-batches.ts';
import { packBehaviour, packedBuffers } from './fast/pack-behaviour.ts';
import type { WorkerResult } from './reduce-snapshot.ts';

const { dir, displayDir, read, hash } = workerData as {
  dir: string;
  displayDir: string;
  read: ManifestReadResult;
  /** Other tables' files to hash after the orders (the main thread reads them unhashed). */
  hash: string[];
};
const behaviour = createBehaviourState();
// The main thread starts this worker only for a valid manifest (its defaults applied).
const orders = orderFeed(behaviour, read.manifest!.orders);
const loaded = await readSnapshot(
  dir,
  displayDir,
  () => ({ survey: () => {}, orders: orders.add, end: orders.end }),
  { only: ['orders'], read },
);
// This thread finishes its part first: hashing here takes that work off the longer one.
const hashed: Array<[string, string]> = [];
for (const file of hash) hashed.push([file, await hashFile(resolve(dir, file))]);
const packed = packBehaviour(behaviour);
const result: WorkerResult = {
  behaviour: packed,
  tables: loaded.tables,
  parts: [...loaded.parts.filter(([name]) => name !== 'manifest.json'), ...hashed],
  // The main thread reports the manifest's own diagnostics.
  diagnostics: loaded.diagnostics.filter((d) => !d.file.endsWith('manifest.json')),
  // Tickets, read on the main thread, may name orders: their ids go back to be checked there.
  orderIds:
    read.manifest!.tables.tickets?.columns.order_id && loaded.known.orders
      ? loaded.known.orders.state()
      : null,
};
const transfer = result.orderIds
  ? [result.orderIds.slots.buffer, result.orderIds.dense.buffer]
  : [];
parentPort!.postMessage(result, [...packedBuffers(packed), ...transfer]);
