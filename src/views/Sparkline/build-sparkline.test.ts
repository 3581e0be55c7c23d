import { describe, expect, it } from 'vitest';
import { buildSparkline } from './build-sparkline.ts';

describe('buildSparkline', () => {
  it('scales values into the box with room for the end dot', () => {
    const line = buildSparkline([1, 2, 3], 60, 20);
    expect(line.path).toBe('M3,17L30,10L57,3');
    expect(line.last).toEqual({ x: 57, y: 3 });
  });

  it('breaks the line at a suppressed period and draws nothing for fewer than two values', () => {
    expect(buildSparkline([1, null, 3, 4], 60, 20).path).toBe('M3,17M39,7.7L57,3'); // 3 + (1 − 2/3) × 14 = 7.67;
    expect(buildSparkline([5, null]).path).toBe('');
  });
});
