import { describe, expect, it } from 'vitest';
import { cp850Misread, MisreadingTally, utf8Misread } from './encoding-check.ts';

/** What a program reading `bytes` as windows-1252 shows. */
const as1252 = (bytes: Uint8Array) => new TextDecoder('windows-1252').decode(bytes);
/** Code page 850's bytes for the letters used below. */
const CP850: Record<string, number> = { é: 0x82, è: 0x8a, ü: 0x81, ñ: 0xa4, û: 0x96, ï: 0x8b };
const cp850Bytes = (text: string) =>
  Uint8Array.from([...text].map((ch) => CP850[ch] ?? ch.charCodeAt(0)));

const WORDS = ['Très bien', 'Crème brûlée', 'Müller', 'España', 'naïve', 'café'];

describe('utf8Misread', () => {
  it.each(WORDS)('finds UTF-8 read as windows-1252 in "%s" and repairs it', (word) => {
    expect(utf8Misread(as1252(Buffer.from(word, 'utf8')))).toBe(word);
  });

  it.each([...WORDS, 'plain ASCII', 'Ãlvaro', '日本語'])(
    'leaves "%s" as written (real text, not a misreading)',
    (text) => {
      expect(utf8Misread(text)).toBeNull();
    },
  );
});

describe('cp850Misread', () => {
  it.each(WORDS)('finds CP850 read as windows-1252 in "%s" and repairs it', (word) => {
    expect(cp850Misread(as1252(cp850Bytes(word)))).toBe(word);
  });

  it.each([
    'don’t',
    '“quoted”',
    'and so on…',
    'Škoda and Vašek',
    '„Wort“',
    'Paris–Lyon',
    'price £5',
    ...WORDS,
  ])('leaves "%s" as written (punctuation beside words is not a misreading)', (text) => {
    expect(cp850Misread(text)).toBeNull();
  });
});

describe('MisreadingTally', () => {
  it('keeps the first cell of each misreading and counts them', () => {
    const tally = new MisreadingTally();
    tally.check('fine', 2, 0);
    tally.check(as1252(Buffer.from('été', 'utf8')), 3, 1);
    tally.check(as1252(Buffer.from('café', 'utf8')), 4, 1);
    tally.check(as1252(cp850Bytes('España')), 5, 2);
    expect(tally.utf8).toEqual({ row: 3, column: 1, text: 'Ã©tÃ©', repaired: 'été', count: 2 });
    expect(tally.cp850).toMatchObject({ row: 5, column: 2, repaired: 'España', count: 1 });
  });
});
