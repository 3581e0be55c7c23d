import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberedIdReader, type IdRef } from './id-refs.ts';
import { RowTags, statusRules } from './order-rows.ts';

describe('RowTags', () => {
  it("tags an id by its text, whether the reader gave it as text or as a numbered id's ref", () => {
    const reader = new NumberedIdReader();
    const tags = new RowTags();
    const idArb = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc
        .tuple(fc.constantFrom('', 'C', 'INV-'), fc.nat(4_194_303))
        .map(([prefix, n]) => `${prefix}${n}`),
    );
    fc.assert(
      fc.property(idArb, (text) => {
        const bytes = Buffer.from(text);
        const number = reader.refOf(bytes, 0, bytes.length);
        const ref: IdRef = number >= 0 ? number : text;
        expect(tags.ofId(ref)).toBe(tags.ofId(text));
      }),
    );
    expect(tags.ofId('C10')).not.toBe(tags.ofId('C1'));
    expect(tags.ofId(undefined)).not.toBe(tags.ofId(''));
  });

  it('tags equal amounts alike and different ones apart', () => {
    const tags = new RowTags();
    expect(tags.ofAmount(10.5)).toBe(tags.ofAmount(21 / 2));
    expect(tags.ofAmount(10.5)).not.toBe(tags.ofAmount(10.25));
    expect(tags.ofAmount(undefined)).not.toBe(tags.ofAmount(0));
  });
});

describe('statusRules', () => {
  it('gives the first matching rule’s status, lower case, and nothing when none matches', () => {
    const rule = statusRules([
      { idPrefix: 'C', status: 'Cancelled' },
      { negativeQuantity: true, status: 'returned' },
    ])!;
    expect(rule('C536379', -2)).toBe('cancelled');
    expect(rule('536380', -2)).toBe('returned');
    expect(rule('536380', 2)).toBeUndefined();
    expect(rule('536380', undefined)).toBeUndefined();
    expect(statusRules([])).toBeNull();
  });
});
