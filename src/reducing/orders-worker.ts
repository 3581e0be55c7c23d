/**
 * Worker side of a parallel snapshot load: reads only the orders table of a snapshot and
 * returns its behaviour state, which merges exactly into the main thread's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  addOrderBatch,
  createBehaviourState,
  OrderBatch,
  packBehaviour,
  packedBuffers,
  type BehaviourState,
} from './customer-behaviour.ts';
import { join } from 'node:path';
import { hashFile } from '../reading/csv-reader.ts';
import { loadSnapshot } from '../reading/read-snapshot.ts';
import type { ManifestReadResult } from '../reading/read-manifest.ts';

const { dir, displayDir, read, hash } = workerData as {
  dir: string;
  displayDir: string;
  read: ManifestReadResult;
  /** Other tables' files to hash after the orders (the main thread reads them unhashed). */
  hash: string[];
};
let behaviour: BehaviourState = createBehaviourState();
const loaded = await loadSnapshot(
  dir,
  displayDir,
  (manifest) => {
    behaviour = createBehaviourState();
    const exclude = manifest.orders?.excludeStatuses ?? ['cancelled', 'returned'];
    const batch = new OrderBatch();
    return {
      survey: () => {},
      orders: (row) => {
        if (batch.push(row)) addOrderBatch(behaviour, batch, exclude);
      },
      end: () => addOrderBatch(behaviour, batch, exclude),
    };
  },
  { only: ['orders'], read },
);
// This thread finishes its part first: hashing here takes that work off the longer one.
const hashed: Array<[string, string]> = [];
for (const file of hash) hashed.push([file, await hashFile(join(dir, file))]);
const packed = packBehaviour(behaviour);
parentPort!.postMessage(
  {
    behaviour: packed,
    tables: loaded.tables,
    parts: [...loaded.parts.filter(([name]) => name !== 'manifest.json'), ...hashed],
    // The main thread reports the manifest's own diagnostics.
    diagnostics: loaded.diagnostics.filter((d) => !d.file.endsWith('manifest.json')),
  },
  packedBuffers(packed),
);
