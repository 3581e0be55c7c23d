import { describe, expect, it } from 'vitest';
import { importancePerformance } from './importance-performance-grid.ts';

describe('importancePerformance', () => {
  it('places each driver in its Martilla–James quadrant, split at the means', () => {
    const grid = importancePerformance([
      { driver: 'service', importance: 40, performance: 50 },
      { driver: 'product', importance: 30, performance: 80 },
      { driver: 'value', importance: 10, performance: 40 },
      { driver: 'emotional', importance: 5, performance: 90 },
    ]);
    expect(grid.importanceMean).toBe(21.25);
    expect(grid.performanceMean).toBe(65);
    expect(Object.fromEntries(grid.points.map((p) => [p.driver, p.quadrant]))).toEqual({
      service: 'concentrate-here',
      product: 'keep-up-the-good-work',
      value: 'low-priority',
      emotional: 'possible-overkill',
    });
  });
});
