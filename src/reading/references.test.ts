import { describe, expect, it } from 'vitest';
import { IdRegistry } from './id-registry.ts';
import { ReferenceTally, type ReferenceSource } from './references.ts';

const SOURCE: ReferenceSource = {
  file: 'data/2026-Q1/tickets.csv',
  column: 'Order',
  noun: 'ticket',
  target: 'orders',
  targetNoun: 'order',
  targetFile: 'data/2026-Q1/orders.csv',
};

function known(...ids: string[]): IdRegistry {
  const registry = new IdRegistry();
  ids.forEach((id, i) => registry.firstRow(id, i + 2));
  return registry;
}

describe('ReferenceTally', () => {
  it('resolves to nothing when every id is known', () => {
    const tally = new ReferenceTally(SOURCE);
    tally.add('O1', 2);
    tally.add('O2', 3);
    expect(tally.resolve(known('O1', 'O2', 'O3'))).toBeNull();
  });

  it('counts the rows naming unknown ids in one located warning, with the first examples', () => {
    const tally = new ReferenceTally(SOURCE);
    const rows: Array<[string, number]> = [
      ['O1', 2],
      ['X9', 3],
      ['X9', 4],
      ['Z1', 5],
      ['O2', 6],
      ['Y4', 7],
      ['W0', 8],
    ];
    for (const [id, row] of rows) tally.add(id, row);
    const d = tally.resolve(known('O1', 'O2'))!;
    expect(d).toMatchObject({
      id: 'unknown-reference',
      level: 'warning',
      file: SOURCE.file,
      row: 3,
      column: 'Order',
      value: 'X9',
    });
    expect(d.message).toBe(
      '5 tickets name 4 orders that data/2026-Q1/orders.csv does not list, e.g. X9 (row 3), Z1 (row 5), Y4 (row 7)',
    );
  });
});
