import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecentWeakMap } from './recent-weak-map.ts';

describe('RecentWeakMap', () => {
  it('answers as a WeakMap under any sequence of gets and sets', () => {
    const keys = [{}, {}, {}];
    const op = fc.tuple(fc.boolean(), fc.nat(2), fc.integer());
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const recent = new RecentWeakMap<object, number>();
        const plain = new WeakMap<object, number>();
        for (const [set, k, value] of ops) {
          if (set) {
            recent.set(keys[k]!, value);
            plain.set(keys[k]!, value);
          } else expect(recent.get(keys[k]!)).toBe(plain.get(keys[k]!));
        }
      }),
    );
  });
});
