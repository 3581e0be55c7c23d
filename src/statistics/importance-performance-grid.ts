/**
 * Importance–performance analysis (Martilla & James 1977, J. Marketing 41(1)): each driver is
 * placed by its importance (here its share of explained variance, Johnson's relative weight /
 * R², in %) and its performance (top-2-box share, %); the quadrants are split at the means.
 */

export type Quadrant =
  'concentrate-here' | 'keep-up-the-good-work' | 'low-priority' | 'possible-overkill';

export interface GridPoint {
  driver: string;
  importance: number;
  performance: number;
  quadrant: Quadrant;
}

/**
 * @example importancePerformance([{ driver: 'a', importance: 40, performance: 50 }, { driver: 'b', importance: 10, performance: 80 }])
 *   // a: concentrate-here, b: possible-overkill (means 25 and 65)
 */
export function importancePerformance(
  points: ReadonlyArray<{ driver: string; importance: number; performance: number }>,
): { points: GridPoint[]; importanceMean: number; performanceMean: number } {
  if (points.length === 0) throw new Error('importancePerformance requires at least one driver');
  const importanceMean = points.reduce((s, p) => s + p.importance, 0) / points.length;
  const performanceMean = points.reduce((s, p) => s + p.performance, 0) / points.length;
  return {
    importanceMean,
    performanceMean,
    points: points.map((p) => {
      const important = p.importance >= importanceMean;
      const performing = p.performance >= performanceMean;
      const quadrant: Quadrant = important
        ? performing
          ? 'keep-up-the-good-work'
          : 'concentrate-here'
        : performing
          ? 'possible-overkill'
          : 'low-priority';
      return { ...p, quadrant };
    }),
  };
}
