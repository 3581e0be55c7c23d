import { describe, expect, it } from 'vitest';
import { buildSparkline } from './build-sparkline.ts';

describe('buildSparkline', () => {
  it('scales values on the one value axis: the span plus a tenth each side', () => {
    // Axis 0.8–3.2 (span 2, padded by 0.2); the box is 14 high from y = 3.
    const line = buildSparkline([1, 2, 3], null, 60, 20);
    expect(line.path).toBe('M3,15.8L30,10L57,4.2'); // 3 + (1 − 0.2/2.4) × 14 = 15.83, 3 + (0.2/2.4) × 14 = 4.17
    expect(line.last).toEqual({ x: 57, y: 4.2 });
  });

  it('stays inside the metric’s range: a value at the top of its scale sits at the top', () => {
    const line = buildSparkline([4, 5], [1, 5], 60, 20);
    expect(line.last).toEqual({ x: 57, y: 3 });
  });

  it('breaks the line at a suppressed period and draws nothing for fewer than two values', () => {
    expect(buildSparkline([1, null, 3, 4], null, 60, 20).path).toMatch(
      /^M3,[\d.]+M39,[\d.]+L57,[\d.]+$/,
    );
    expect(buildSparkline([5, null]).path).toBe('');
  });
});
