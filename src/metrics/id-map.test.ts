import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdMap, IdNumbering } from './id-map.ts';

const idArb = fc.oneof(
  fc.string({ maxLength: 5 }),
  fc
    .tuple(fc.constantFrom('C', '', 'C-'), fc.constantFrom('', '0'), fc.nat(5000))
    .map(([prefix, zero, n]) => `${prefix}${zero}${n}`),
);

describe('IdMap', () => {
  it('behaves as a Map under any sequence of set, get, has and delete', () => {
    const op = fc.tuple(fc.constantFrom('set', 'get', 'has', 'delete'), idArb, fc.nat());
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const ids = new IdMap<number>();
        const map = new Map<string, number>();
        for (const [name, id, value] of ops) {
          if (name === 'set') {
            ids.set(id, value);
            map.set(id, value);
          } else if (name === 'delete') expect(ids.delete(id)).toBe(map.delete(id));
          else if (name === 'has') expect(ids.has(id)).toBe(map.has(id));
          else expect(ids.get(id)).toBe(map.get(id));
        }
        expect([...ids.entries()]).toEqual([...map.entries()]);
      }),
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
});
