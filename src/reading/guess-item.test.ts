import { describe, expect, it } from 'vitest';
import { guessItem, guessScale } from './guess-item.ts';

const cells = (...values: Array<string | number>) => values.map(String);

describe('guessScale', () => {
  it('picks the smallest usual scale holding the values', () => {
    expect(guessScale([1, 3, 5])).toEqual([1, 5]);
    expect(guessScale([1, 6])).toEqual([1, 7]);
    expect(guessScale([0, 10])).toEqual([0, 10]);
    expect(guessScale([2, 9])).toEqual([0, 10]); // 0–10 is the more common of the two
    expect(guessScale([1, 4, 10])).toEqual([1, 10]); // both ends of 1–10, never a 0
    expect(guessScale([0, 1])).toEqual([0, 1]);
    expect(guessScale([45, 90])).toEqual([0, 100]);
    expect(guessScale([1.5])).toBeNull();
  });
});

describe('guessItem', () => {
  it('reads 1..k plus 0 as 1..k with 0 not applicable, and says so', () => {
    const guess = guessItem('Seat comfort', cells(0, 1, 2, 3, 4, 5, 5, 0))!;
    expect(guess).toMatchObject({ scale: [1, 5], notApplicable: ['0'] });
    expect(guess.assumed).toHaveLength(1);
    expect(guess.assumed[0]).toContain('0 as "not applicable"');
  });

  it('takes the scale its header states', () => {
    expect(guessItem('Rating (0-5)', cells(0, 1, 2, 3, 4, 5))).toMatchObject({
      scale: [0, 5],
      notApplicable: [],
      assumed: [],
    });
    expect(guessItem('Note de 1 à 10', cells(3, 7, 9))!.scale).toEqual([1, 10]);
  });

  it('records a scale whose ends no answer reached', () => {
    expect(guessItem('Q1', cells(1, 2, 3, 4, 5))!.assumed).toEqual([]);
    expect(guessItem('Q1', cells(2, 3, 4))!.assumed[0]).toContain(
      'scale 1–5 assumed from answers 2–4',
    );
  });

  it('reads only the texts that say so as not applicable, never a scale point', () => {
    const guess = guessItem('Overall', [
      'Satisfied',
      'Neutral',
      "Don't know",
      'Ne sait pas',
      'N/A',
    ])!;
    expect(guess.notApplicable).toEqual(["Don't know", 'Ne sait pas', 'N/A']);
    expect(guess.labels).toEqual({ Satisfied: 4, Neutral: 3 });
  });

  it('leaves labels of no known scale for validate to report, rather than "not applicable"', () => {
    const guess = guessItem('Q2', cells(1, 2, 3, 4, 5, 'Meh'))!;
    expect(guess.unknown).toEqual(['Meh']);
    expect(guess.notApplicable).toEqual([]);
  });

  it('reads the labels of a known scale and leaves an unknown one to validate', () => {
    const guess = guessItem('Overall', ['Very satisfied', 'Satisfied', 'Kind of OK'])!;
    expect(guess.labels).toEqual({ 'Very satisfied': 5, Satisfied: 4 });
    expect(guess.unknown).toEqual(['Kind of OK']);
    expect(guess.notApplicable).toEqual([]);
    expect(guessItem('Colour', ['Blue', 'Red', 'Satisfied'])).toBeNull();
  });

  it('reads labels with their numbers written in them', () => {
    const guess = guessItem('Q3', ['1 - Very poor', '3 - Fair', '5 - Excellent', '4'])!;
    expect(guess.scale).toEqual([1, 5]);
    expect(guess.labels).toEqual({ '1 - Very poor': 1, '3 - Fair': 3, '5 - Excellent': 5 });
  });

  it('keeps one spelling of a label whatever its case', () => {
    expect(guessItem('Q4', ['Satisfied', 'SATISFIED', 'Neutral'])!.labels).toEqual({
      Satisfied: 4,
      Neutral: 3,
    });
  });

  it('takes the recommend question on 0–10 only', () => {
    expect(guessItem('Likely to recommend', cells(3, 8, 10), true)!.scale).toEqual([0, 10]);
    expect(guessItem('Likely to recommend', cells(1, 2, 5), true)).toBeNull();
    expect(guessItem('Recommend (1-5)', cells(1, 2, 5), true)).toBeNull();
  });

  it('is no rated item for free text, amounts or many different numbers', () => {
    expect(guessItem('Comment', ['Great', 'Too slow', 'Fine'])).toBeNull();
    expect(guessItem('Age', cells(...Array.from({ length: 40 }, (_, i) => 18 + i)))).toBeNull();
    expect(guessItem('Amount', ['12.5', '3.99'])).toBeNull();
  });
});
