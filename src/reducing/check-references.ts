/**
 * Checks the references between a snapshot's tables once all are read, on whichever thread
 * each was read: a ticket's order and customer, and an order's customer, against the ids of
 * the orders and customers tables. Each column with unknown ids gives one warning with the
 * count and examples (reading/references.ts).
 */
import { mappedHeader, type Manifest } from '../contracts/manifest-schema.ts';
import type { Diagnostic } from '../reading/diagnostics.ts';
import type { IdRegistry } from '../reading/id-registry.ts';
import type { LoadedSnapshot } from '../reading/read-snapshot.ts';
import { unknownReferences, type UnknownId } from '../reading/references.ts';
import { displayFile } from '../reading/snapshot-files.ts';
import type { BehaviourState } from './behaviour-state.ts';

/**
 * @param ordersElsewhere the orders' ids when another thread read them
 * @param displayDir the snapshot folder as diagnostics show it
 */
export function referenceDiagnostics(
  loaded: LoadedSnapshot,
  behaviour: BehaviourState | null,
  ordersElsewhere: IdRegistry | null,
  displayDir: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const known = { ...loaded.known, ...(ordersElsewhere ? { orders: ordersElsewhere } : {}) };
  for (const tally of loaded.references) {
    const ids = known[tally.source.target as 'orders' | 'customers'];
    const found = ids ? tally.resolve(ids) : null;
    if (found) out.push(found);
  }
  const manifest = loaded.manifest;
  if (manifest && behaviour && known.customers) {
    const found = unknownCustomersOfOrders(manifest, behaviour, known.customers, displayDir);
    if (found) out.push(found);
  }
  return out;
}

/**
 * The customers of the orders that count whom the customers table does not list, read from the
 * behaviour state (each customer once, with their orders), so no thread keeps a reference per
 * order. Their first rows are not known: the warning names the ids.
 */
function unknownCustomersOfOrders(
  manifest: Manifest,
  behaviour: BehaviourState,
  customers: IdRegistry,
  displayDir: string,
): Diagnostic | null {
  const table = behaviour.customers;
  const ids = table.index.ids;
  const unknown: UnknownId[] = [];
  for (let row = 0; row < ids.length; row++) {
    if (!customers.has(ids[row]!)) unknown.push({ id: ids[row]!, rows: table.get(row, 'orders') });
  }
  return unknownReferences(
    {
      file: displayFile(displayDir, manifest.tables.orders!.file),
      column: mappedHeader(manifest.tables.orders, 'customer_id'),
      noun: 'order',
      target: 'customers',
      targetNoun: 'customer',
      targetFile: displayFile(displayDir, manifest.tables.customers!.file),
    },
    unknown,
  );
}
