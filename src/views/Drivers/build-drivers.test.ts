import { describe, expect, it } from 'vitest';
import { placeLabels } from './build-drivers.ts';

const CHAR_WIDTH = 7;

/** Horizontal extent and baseline of a placed label. */
function extent(p: { labelX: number; labelY: number; anchor: 'start' | 'end'; label: string }) {
  const w = p.label.length * CHAR_WIDTH;
  const left = p.anchor === 'start' ? p.labelX : p.labelX - w;
  return { left, right: left + w, y: p.labelY };
}

describe('placeLabels', () => {
  it('keeps labels of nearby points from overlapping', () => {
    const placed = placeLabels(
      [
        { x: 300, y: 200, label: 'Image (mean of IMAG1–5)' },
        { x: 280, y: 203, label: 'Perceived value (mean of PERV1–2)' },
        { x: 290, y: 198, label: 'Expectations' },
      ],
      640,
    );
    const boxes = placed.map(extent);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const sideBySide = a.right <= b.left || b.right <= a.left;
        expect(sideBySide || Math.abs(a.y - b.y) >= 15).toBe(true);
      }
  });

  it('writes a label near the right edge to the left of its point', () => {
    const [near, far] = placeLabels(
      [
        { x: 600, y: 100, label: 'Perceived quality' },
        { x: 100, y: 100, label: 'Value' },
      ],
      640,
    );
    expect(near).toMatchObject({ anchor: 'end', labelX: 591 });
    expect(far).toMatchObject({ anchor: 'start', labelX: 109, labelY: 104 });
    expect(extent(near!).left).toBeGreaterThanOrEqual(0);
  });
});
