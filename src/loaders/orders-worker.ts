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
} from '../metrics/customer-behaviour.ts';
import { loadSnapshot } from './load-snapshot.ts';
import type { ManifestReadResult } from './read-manifest.ts';

const { dir, displayDir, read } = workerData as {
  dir: string;
  displayDir: string;
  read: ManifestReadResult;
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
const packed = packBehaviour(behaviour);
parentPort!.postMessage(
  {
    behaviour: packed,
    tables: loaded.tables,
    parts: loaded.parts.filter(([name]) => name !== 'manifest.json'),
    // The main thread reports the manifest's own diagnostics.
    diagnostics: loaded.diagnostics.filter((d) => !d.file.endsWith('manifest.json')),
  },
  packedBuffers(packed),
);
