import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdNumbering, idText, NumberedIdReader, type IdRef } from '../reading/id-refs.ts';
import { CustomerColumns, CustomerIndex } from './customer-index.ts';

const idArb = fc.oneof(
  fc.string({ maxLength: 5 }),
  fc
    .tuple(fc.constantFrom('C', '', 'C-'), fc.constantFrom('', '0'), fc.nat(5000))
    .map(([prefix, zero, n]) => `${prefix}${zero}${n}`),
);

/** Adds x to figure `name` of `row`. */
function add<K extends string>(table: CustomerColumns<K>, row: number, name: K, x: number) {
  table.data[row * table.stride + table.at[name]]! += x;
}

describe('CustomerIndex and CustomerColumns', () => {
  it('give each distinct id the next index, as a Map of first appearances would', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), idArb), { maxLength: 200 }), (ops) => {
        const index = new CustomerIndex();
        const map = new Map<string, number>();
        for (const [add, id] of ops) {
          if (add) {
            if (!map.has(id)) map.set(id, map.size);
            expect(index.add(id)).toBe(map.get(id));
          } else expect(index.find(id)).toBe(map.get(id) ?? -1);
        }
        expect(index.ids).toEqual([...map.keys()]);
        expect(index.size).toBe(map.size);
      }),
    );
  });

  it("keep every customer's sums through growth, whatever the ids", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(idArb, fc.integer({ min: -5, max: 5 })), { maxLength: 300 }),
        (adds) => {
          const table = new CustomerColumns(['total', 'count'], 4);
          const expected = new Map<string, [number, number]>();
          for (const [id, x] of adds) {
            const row = table.row(id);
            add(table, row, 'total', x);
            add(table, row, 'count', 1);
            const e = expected.get(id) ?? [0, 0];
            expected.set(id, [e[0] + x, e[1] + 1]);
          }
          for (const [id, [total, count]] of expected) {
            const row = table.find(id);
            expect([table.get(row, 'total'), table.get(row, 'count')]).toEqual([total, count]);
          }
          const adopted = CustomerColumns.adopt(table.names, table.index.packed(), table.data);
          for (const id of expected.keys()) expect(adopted.find(id)).toBe(table.find(id));
          // A clone is independent: what is added to it stays out of the original.
          const copy = table.clone();
          add(copy, copy.row('\u0000fresh'), 'total', 1);
          for (const id of expected.keys()) add(copy, copy.row(id), 'total', 1);
          expect(table.find('\u0000fresh')).toBe(-1);
          for (const [id, [total]] of expected) {
            expect(table.get(table.find(id), 'total')).toBe(total);
            expect(copy.get(copy.find(id), 'total')).toBe(total + 1);
            expect(adopted.get(adopted.find(id), 'total')).toBe(total);
          }
        },
      ),
    );
  });

  it('adding one table into another equals adding its customers one by one, whatever the prefixes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(idArb, fc.integer({ min: -5, max: 5 })), { maxLength: 150 }),
        fc.array(fc.tuple(idArb, fc.integer({ min: -5, max: 5 })), { maxLength: 150 }),
        (first, second) => {
          const tableOf = (adds: Array<[string, number]>) => {
            const table = new CustomerColumns(['total'], 4);
            for (const [id, x] of adds) add(table, table.row(id), 'total', x);
            return table;
          };
          const merged = tableOf(first);
          const rows = merged.addFrom(tableOf(second));
          const one = tableOf([...first, ...second]);
          expect(merged.index.ids).toEqual(one.index.ids);
          expect([...merged.data.subarray(0, merged.size)]).toEqual([
            ...one.data.subarray(0, one.size),
          ]);
          expect([...rows]).toEqual(tableOf(second).index.ids.map((id) => merged.find(id)));
        },
      ),
    );
  });

  it('numbers only "<first prefix><number without leading zero>"', () => {
    const numbering = new IdNumbering();
    expect(numbering.numberOf('C123')).toBe(123);
    expect(numbering.numberOf('C0')).toBe(0);
    expect(numbering.numberOf('C0123')).toBe(-1);
    expect(numbering.numberOf('D123')).toBe(-1);
    expect(numbering.numberOf('123')).toBe(-1);
    expect(numbering.numberOf('C99999999')).toBe(-1);
  });

  it('adds many ids at once exactly as one by one, skipping the unwanted', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(idArb, fc.boolean()), { maxLength: 80 }),
        fc.array(idArb, { maxLength: 20 }),
        (batch, before) => {
          const many = new CustomerIndex();
          const single = new CustomerIndex();
          for (const id of before) expect(many.add(id)).toBe(single.add(id));
          const ids = batch.map(([id]) => id);
          const wanted = Uint8Array.from(batch, ([, w]) => (w ? 1 : 0));
          const out = new Int32Array(batch.length);
          many.addMany(ids, wanted, batch.length, out);
          expect([...out]).toEqual(batch.map(([id, w]) => (w ? single.add(id) : -1)));
          expect(many.ids).toEqual(single.ids);
        },
      ),
    );
  });

  it('matches each customer to their index in another index, as finding them one by one', () => {
    fc.assert(
      fc.property(
        fc.array(idArb, { maxLength: 80 }),
        fc.array(idArb, { maxLength: 80 }),
        (a, b) => {
          const mine = new CustomerIndex();
          const theirs = new CustomerIndex();
          for (const id of a) mine.add(id);
          for (const id of b) theirs.add(id);
          expect([...mine.rowsIn(theirs)]).toEqual(mine.ids.map((id) => theirs.find(id)));
        },
      ),
    );
  });

  it('reads numbered ids from bytes to refs that stand for their text everywhere', () => {
    const textArb = fc.oneof(
      idArb,
      fc.string({ maxLength: 6, unit: 'grapheme' }),
      fc.nat(9).map((d) => `X${'9'.repeat(d)}`),
    );
    fc.assert(
      fc.property(fc.array(textArb, { maxLength: 60 }), (texts) => {
        const reader = new NumberedIdReader();
        const byRef = new CustomerIndex();
        const byText = new CustomerIndex();
        for (const text of texts) {
          const bytes = Buffer.from(`,${text},`);
          const number = reader.refOf(bytes, 1, bytes.length - 1);
          const ref: IdRef = number >= 0 ? number : text;
          expect(idText(ref)).toBe(text);
          expect(byRef.add(ref)).toBe(byText.add(text));
        }
        expect(byRef.ids).toEqual(byText.ids);
        for (const text of texts) expect(byRef.find(text)).toBe(byText.find(text));
      }),
    );
  });

  it("keeps every ref a small integer: ids of prefixes beyond the thread's limit stay text", () => {
    const reader = new NumberedIdReader();
    const refs = Array.from({ length: 400 }, (_, i) => {
      const bytes = Buffer.from(`limit-${i}-4194303`);
      const ref = reader.refOf(bytes, 0, bytes.length);
      if (ref >= 0) expect(idText(ref)).toBe(`limit-${i}-4194303`);
      return ref;
    });
    expect(Math.max(...refs)).toBeLessThan(2 ** 30);
    expect(refs.filter((ref) => ref < 0).length).toBeGreaterThan(0);
  });
});
