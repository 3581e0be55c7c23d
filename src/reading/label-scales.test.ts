import { describe, expect, it } from 'vitest';
import { numberOfLabel, readLabelScale } from './label-scales.ts';

describe('readLabelScale', () => {
  it.each([
    ['English', ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied']],
    ['French', ['Très insatisfaite', 'Insatisfait', 'Neutre', 'Satisfaite', 'Très satisfait']],
    ['Spanish', ['Muy insatisfecho', 'Insatisfecha', 'Neutral', 'Satisfecho', 'Muy satisfecha']],
    ['German', ['Sehr unzufrieden', 'Unzufrieden', 'Weder noch', 'Zufrieden', 'Sehr zufrieden']],
    [
      'Portuguese',
      ['Muito insatisfeito', 'Insatisfeita', 'Neutro', 'Satisfeito', 'Muito satisfeita'],
    ],
    ['Chinese', ['非常不满意', '不满意', '一般', '满意', '非常满意']],
    ['Japanese', ['非常に不満', '不満', 'どちらでもない', '満足', '非常に満足']],
  ])('reads a %s satisfaction scale in order, its middle point a scale point', (_, labels) => {
    const reading = readLabelScale([...labels].reverse())!;
    expect(reading.scale).toEqual([1, 5]);
    expect(labels.map((l) => reading.map[l])).toEqual([1, 2, 3, 4, 5]);
  });

  it('reads agreement with "Neither agree nor disagree" as its middle point', () => {
    const reading = readLabelScale(['Agree', 'Neither agree nor disagree', 'Strongly disagree'])!;
    expect(reading).toMatchObject({ scale: [1, 5], unseen: [2, 5] });
    expect(reading.map['Neither agree nor disagree']).toBe(3);
  });

  it('takes the 7-point scale when two labels would share a point of the 5-point one', () => {
    const reading = readLabelScale(['Agree', 'Somewhat agree', 'Strongly agree', 'Disagree'])!;
    expect(reading.scale).toEqual([1, 7]);
    expect(reading.map).toMatchObject({ Agree: 6, 'Somewhat agree': 5, 'Strongly agree': 7 });
  });

  it('reads "Very good" below "Excellent" when both are there', () => {
    const reading = readLabelScale(['Poor', 'Fair', 'Good', 'Very good', 'Excellent'])!;
    expect(reading.map).toEqual({ Poor: 1, Fair: 2, Good: 3, 'Very good': 4, Excellent: 5 });
  });

  it('reads the French four-point scale, which has no middle point', () => {
    const labels = [
      'Pas du tout satisfait',
      'Plutôt pas satisfait',
      'Plutôt satisfait',
      'Tout à fait satisfait',
    ];
    const reading = readLabelScale(labels)!;
    expect(reading.scale).toEqual([1, 4]);
    expect(labels.map((l) => reading.map[l])).toEqual([1, 2, 3, 4]);
  });

  it('reads two opposite labels as a two-level outcome, "neutral or dissatisfied" on the low side', () => {
    expect(readLabelScale(['neutral or dissatisfied', 'satisfied'])).toMatchObject({
      scale: [0, 1],
      map: { 'neutral or dissatisfied': 0, satisfied: 1 },
    });
    expect(readLabelScale(['Oui', 'Non'])!.map).toEqual({ Oui: 1, Non: 0 });
  });

  it('reads no scale from labels that are not scale points', () => {
    expect(readLabelScale(['Business', 'Eco', 'Eco Plus'])).toBeNull();
    expect(readLabelScale(['Satisfied', 'Blue'])).toBeNull();
    expect(readLabelScale([])).toBeNull();
  });
});

describe('numberOfLabel', () => {
  it.each([
    ['5 - Very satisfied', 5],
    ['10 = Extremely likely', 10],
    ['0: Not at all likely', 0],
    ['Very satisfied (5)', 5],
    ['Very satisfied', null],
    ['2026-10-12', null],
  ])('%s → %s', (label, expected) => {
    expect(numberOfLabel(label)).toBe(expected);
  });
});
