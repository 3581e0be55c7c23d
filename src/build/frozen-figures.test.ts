import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../test/build-site.ts';
import type { ReviewFigures } from '../contracts/figures-schema.ts';
import { freezeFigures, frozenTrendMetrics, serializeFrozen } from './frozen-figures.ts';

/** The demo's published versions: real figures of demo-size quarters, with their MDX. */
const DEMO = readdirSync(join(ROOT, 'reports'))
  .sort()
  .map((period) => ({
    figures: JSON.parse(
      readFileSync(join(ROOT, 'reports', period, 'v1.figures.json'), 'utf8'),
    ) as ReviewFigures,
    mdx: readFileSync(join(ROOT, 'reports', period, 'v1.mdx'), 'utf8'),
  }));

/**
 * The committed bound: frozen figures per published quarter, on average over the history
 * (docs/performance.md). A version keeps its own figures and, of the trends its page shows,
 * each point's value, interval, base and change verdict, so the history adds a few hundred
 * bytes a quarter.
 */
const BOUND_PER_QUARTER = 200 * 1024;

/**
 * The bytes each of `count` quarters would commit when published in turn, each quarter's own
 * figures those of the demo version `pick(i)` (its trends dropped, its id and period its own).
 */
function committed(count: number, pick: (i: number) => (typeof DEMO)[number]): number[] {
  const quarters = Array.from({ length: count }, (_, i) => {
    const { figures, mdx } = pick(i);
    const period = `Q${(i % 4) + 1} ${2017 + Math.floor(i / 4)}`;
    return { figures: { ...figures, id: `q${i}`, period, trends: {} }, mdx };
  });
  const reviews = quarters.map((q) => q.figures);
  return quarters.map(({ figures, mdx }) =>
    Buffer.byteLength(serializeFrozen(freezeFigures(figures, reviews, mdx))),
  );
}

// 40 quarters are made from the 8 demo quarters' real figures rather than generated and computed
// (40 demo quarters take a minute to read): a frozen file's size depends on the questionnaire,
// the groups and the trends its page shows, which these are, not on the rows behind them.
describe('committed frozen figures grow linearly', () => {
  it('40 published demo quarters commit at most 200 KB each on average, the largest quarter’s figures every time included', () => {
    expect(DEMO).toHaveLength(8);
    const largest = DEMO.reduce((a, b) =>
      serializeFrozen(a.figures).length >= serializeFrozen(b.figures).length ? a : b,
    );
    for (const pick of [(i: number) => DEMO[i % DEMO.length]!, () => largest]) {
      const sizes = committed(40, pick);
      const total = sizes.reduce((sum, s) => sum + s, 0);
      expect(total / sizes.length).toBeLessThanOrEqual(BOUND_PER_QUARTER);
    }
  });

  it('a quarter adds only its points of the trends its page shows to the next version', () => {
    const { figures, mdx } = DEMO.at(-1)!;
    const shown = frozenTrendMetrics(figures, mdx).length;
    const sizes = committed(40, () => DEMO.at(-1)!);
    // Each trend point is one compact line: at most the longest published one and its indent.
    const point = Math.max(
      ...Object.values(figures.trends)
        .flat()
        .map((p) => JSON.stringify(p).length + 8),
    );
    for (let i = 1; i < sizes.length; i++)
      expect(sizes[i]! - sizes[i - 1]!).toBeLessThanOrEqual(shown * point);
    expect(sizes[39]! - sizes[0]!).toBeGreaterThan(0);
  });
});
