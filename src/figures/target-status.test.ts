import { describe, expect, it } from 'vitest';
import { targetStatusOf } from './target-status.ts';

describe('targetStatusOf', () => {
  it('says met, missed by how much, no target, or no value, in the metric’s direction', () => {
    expect(targetStatusOf(4.6, 35, 'higher-is-better')).toEqual({
      status: 'missed',
      target: 35,
      value: 4.6,
      shortfall: 35 - 4.6,
    });
    expect(targetStatusOf(70.9, 70, 'higher-is-better').status).toBe('met');
    expect(targetStatusOf(70, 70, 'higher-is-better').status).toBe('met');
    expect(targetStatusOf(12, 10, 'lower-is-better')).toMatchObject({
      status: 'missed',
      shortfall: 2,
    });
    expect(targetStatusOf(8, 10, 'lower-is-better').status).toBe('met');
    expect(targetStatusOf(50, undefined, 'higher-is-better').status).toBe('no-target');
    expect(targetStatusOf(null, 75, 'higher-is-better')).toEqual({
      status: 'no-value',
      target: 75,
      value: null,
      shortfall: null,
    });
  });
});
