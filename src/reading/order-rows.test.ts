import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberedIdReader, type IdRef } from './id-refs.ts';
import { amountTag, RowTags, statusRules } from './order-rows.ts';

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

  it('amountTag tags equal amounts alike and different ones apart', () => {
    expect(amountTag(10.5)).toBe(amountTag(21 / 2));
    expect(amountTag(10.5)).not.toBe(amountTag(10.25));
    expect(amountTag(undefined)).not.toBe(amountTag(0));
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
