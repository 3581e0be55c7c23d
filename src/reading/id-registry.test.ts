import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdRegistry } from './id-registry.ts';

/** Free text, and numbered ids as exports write them: prefixes, leading zeros, large numbers. */
const idArb = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc
    .tuple(
      fc.constantFrom('R', '', 'R-', 'X'),
      fc.constantFrom('', '0', '00'),
      fc.oneof(fc.nat(300), fc.integer({ min: 4_194_300, max: 4_194_310 }), fc.nat(10 ** 9)),
    )
    .map(([prefix, zeros, n]) => `${prefix}${zeros}${n}`),
);

describe('IdRegistry', () => {
  it('returns 0 for a new id and the first row for a repeated one, across growth', () => {
    const ids = new IdRegistry(4);
    for (let i = 1; i <= 10_000; i++) expect(ids.firstRow(`R${i}`, i)).toBe(0);
    expect(ids.size).toBe(10_000);
    expect(ids.firstRow('R5', 20_000)).toBe(5);
    expect(ids.firstRow('R10000', 20_001)).toBe(10_000);
    expect(ids.firstRow('R10001', 20_002)).toBe(0);
  });

  it('agrees with a Map on any sequence of ids, and gives back the tag of the first row', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(idArb, fc.nat({ max: 2 ** 32 - 1 })), { maxLength: 300 }),
        (list) => {
          const registry = new IdRegistry(2, true);
          const map = new Map<string, [row: number, tag: number]>();
          list.forEach(([id, tag], i) => {
            const [expected, firstTag] = map.get(id) ?? [0, 0];
            if (!map.has(id)) map.set(id, [i + 1, tag]);
            expect(registry.firstRow(id, i + 1, tag)).toBe(expected);
            if (expected > 0) expect(registry.firstTag).toBe(firstTag);
          });
        },
      ),
    );
  });

  it('has(id) answers as a Map does, records nothing, and survives a trip through its state', () => {
    fc.assert(
      fc.property(
        fc.array(idArb, { maxLength: 200 }),
        fc.array(idArb, { maxLength: 50 }),
        fc.boolean(),
        (recorded, asked, tagged) => {
          const registry = new IdRegistry(2, tagged);
          recorded.forEach((id, i) => registry.firstRow(id, i + 1, i + 7));
          const copy = IdRegistry.fromState(structuredClone(registry.state()));
          for (const id of [...asked, ...recorded]) {
            expect(registry.has(id)).toBe(recorded.includes(id));
            expect(copy.has(id)).toBe(recorded.includes(id));
          }
          // The copy keeps the first rows (and tags, when tagged) of the ids it was given.
          recorded.forEach((id) => {
            const first = recorded.indexOf(id) + 1;
            expect(copy.firstRow(id, 10_000)).toBe(first);
            if (tagged) expect(copy.firstTag).toBe(first + 6);
          });
          expect(registry.size).toBe(new Set(recorded).size);
        },
      ),
    );
  });
});
