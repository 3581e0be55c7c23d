import { describe, expect, it } from 'vitest';
import { referenceInputs } from './explore-reference.ts';

/** A period's Explore file as far as a reference file's key reads it. */
const period = (id: string, hash: string, levels: string[]) => ({
  id,
  hash,
  dimensions: [{ id: 'region', label: 'Region', kind: 'segment' as const, levels }],
});

describe('referenceInputs', () => {
  const range = { from: 'Q2', to: 'Q2' };
  const q1 = period('Q1', 'h1', ['North', 'South']);
  const q2 = period('Q2', 'h2', ['North', 'South']);
  const before = referenceInputs([q1, q2], range, ['Q2']);

  it('are those of the selected period, not of another period whose levels it has', () => {
    expect(referenceInputs([q1, q2, period('Q3', 'h3', ['South'])], range, ['Q2'])).toEqual(before);
    expect(referenceInputs([period('Q1', 'other', ['North']), q2], range, ['Q2'])).toEqual(before);
  });

  it('change with the selected period’s data, a level any period brings, and the range', () => {
    const changed = [
      referenceInputs([q1, period('Q2', 'h2b', ['North', 'South'])], range, ['Q2']),
      referenceInputs([q1, q2, period('Q3', 'h3', ['North', 'East'])], range, ['Q2']),
      referenceInputs([q1, q2], { from: 'Q1', to: 'Q2' }, ['Q2']),
    ];
    for (const inputs of changed) expect(inputs).not.toEqual(before);
  });
});
