import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReviews, snapshotInput, type ReviewData } from '../build/review-data.ts';
import { reduceExplore, surveyCellSize, voiceSize } from '../reducing/explore-reducers.ts';
import { reduceSnapshot } from '../reducing/reduce-snapshot.ts';
import { explorePeriod } from './explore-data.ts';
import type { Estimate } from '../contracts/figures-schema.ts';
import { buildExploreView, type Figure } from '../views/Explore/build-explore.ts';
import { dimensionsOf, exploreFigures } from './explore-figures.ts';
import { decodeExplorePeriod, encodeExplorePeriod, type ExplorePeriod } from './explore-period.ts';

const ROOT = join(import.meta.dirname, '../..');
let demo: ReviewData;
/** The demo's Explore data as the browser has it: decoded from the files the build publishes. */
let periods: ExplorePeriod[];
beforeAll(async () => {
  demo = await loadReviews(join(ROOT, 'data'), ROOT, { explore: true });
  periods = demo.explore.map(decodeExplorePeriod);
}, 60_000);

/** The last demo period's Explore data as the build computes it, before any encoding. */
async function computedLastPeriod(): Promise<ExplorePeriod> {
  const displayDir = 'data/2026-Q3';
  const reduced = await reduceSnapshot(join(ROOT, displayDir), displayDir);
  const input = snapshotInput(reduced, displayDir, [])!;
  const { manifest, hash, reduced: reducers } = input;
  const states = await reduceExplore(
    join(ROOT, displayDir),
    displayDir,
    manifest,
    reducers.questionnaire,
    reducers.behaviour,
  );
  return explorePeriod({ manifest, hash, displayDir, reduced: reducers, explore: states });
}

/** Equal to 1e-9, relative to the size of the numbers. */
function close(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}
function sameEstimate(a: Estimate, b: Estimate): void {
  for (const key of ['value', 'lower', 'upper', 'se', 'nEffective'] as const)
    expect(close(a[key], b[key]), `${key}: ${a[key]} vs ${b[key]}`).toBe(true);
  expect(a.n).toBe(b.n);
  expect(a.base).toBe(b.base);
}

describe('Explore figures on the demo data', () => {
  it('everyone’s figures are the report’s overall figures, metric by metric', () => {
    for (const [i, period] of periods.entries()) {
      const review = demo.reviews[i]!;
      const f = exploreFigures(periods, { periods: [period.id], levels: {} });
      expect(f.status).toBe('ok');
      expect(f.responses).toBe(review.responses);
      expect(f.metrics.length).toBeGreaterThan(10);
      for (const m of f.metrics) sameEstimate(m.estimate, review.metrics[m.id]!.overall);
    }
  });

  it('a group the protection left whole has the report’s figures and adjusted tests', () => {
    let compared = 0;
    for (const [i, period] of periods.entries()) {
      const review = demo.reviews[i]!;
      for (const [dimension, { levels }] of Object.entries(review.segments)) {
        for (const level of levels) {
          const f = exploreFigures(periods, {
            periods: [period.id],
            levels: { [dimension]: [level] },
          });
          // Only where every response of the level kept it (some levels are merged away).
          if (f.responses !== review.responseRates[dimension]![level]!.responses) continue;
          compared += 1;
          expect(f.family.dimension).toBe(dimension);
          for (const m of f.metrics) {
            const group = review.metrics[m.id]!.segments[dimension]![level]!;
            sameEstimate(m.estimate, group);
            expect(close(m.vsRest?.pAdjusted ?? null, group.vsRest?.pAdjusted ?? null)).toBe(true);
            expect(m.vsRest?.significantAdjusted).toBe(group.vsRest?.significantAdjusted);
          }
        }
      }
    }
    // Every customer group of every period, at least.
    expect(compared).toBeGreaterThanOrEqual(periods.length * 4);
  });

  it('decoded from its published JSON, a period gives the same figures to the bit', async () => {
    const period = await computedLastPeriod();
    const decoded = decodeExplorePeriod(JSON.parse(JSON.stringify(encodeExplorePeriod(period))));
    const choices: Array<Record<string, string[]>> = [
      {},
      { customer_group: ['SMB'] },
      { 'late-delivery': ['Had a late delivery'] },
    ];
    for (const levels of choices) {
      const selection = { periods: [period.id], levels };
      expect(exploreFigures([decoded], selection)).toEqual(exploreFigures([period], selection));
    }
  });

  it('given every period’s dimensions, the selected periods alone give the figures all give', () => {
    expect(dimensionsOf(demo.explore)).toEqual(dimensionsOf(periods));
    // The last period lists its groups in another order: the filters follow all periods' order.
    const [a, last] = periods.slice(-2) as [ExplorePeriod, ExplorePeriod];
    const b: ExplorePeriod = {
      ...last,
      dimensions: last.dimensions.map((d) => ({ ...d, levels: [...d.levels].reverse() })),
    };
    const all = [...periods.slice(0, -1), b];
    const dimensions = dimensionsOf(all);
    const choices: Array<Record<string, string[]>> = [
      {},
      { customer_group: ['SMB', 'Enterprise'] },
      { region: ['North', 'South'] },
    ];
    for (const levels of choices) {
      for (const chosen of [[b], [a, b]]) {
        const selection = { periods: chosen.map((p) => p.id), levels };
        const figures = exploreFigures(all, selection);
        expect(figures.responses).toBeGreaterThan(0);
        expect(exploreFigures(chosen, selection, dimensions)).toEqual(figures);
      }
    }
    const grouped = { periods: [b.id], levels: { customer_group: ['SMB', 'Enterprise'] } };
    expect(exploreFigures([b], grouped).filters).not.toEqual(exploreFigures(all, grouped).filters);
  });

  it('publishes no cell below the minimum base and loses no response', () => {
    for (const [i, period] of periods.entries()) {
      const base = period.minimumBase.suppress;
      for (const { cell } of period.cells)
        expect(surveyCellSize(cell)).toBeGreaterThanOrEqual(base);
      for (const v of period.voice) expect(voiceSize(v.state)).toBeGreaterThanOrEqual(base);
      const total = period.cells.reduce((sum, c) => sum + c.cell.responses, 0);
      expect(total).toBe(demo.reviews[i]!.responses);
      // Complaints carry counts only: no customer id, no times.
      for (const c of period.cells) expect(c.complaints!.slowestByCustomer.size).toBe(0);
    }
  });

  it('pools periods: their responses add up, and different questionnaires are refused', () => {
    const [a, b] = periods.slice(-2) as [ExplorePeriod, ExplorePeriod];
    const one = (p: ExplorePeriod) =>
      exploreFigures(periods, { periods: [p.id], levels: { customer_group: ['SMB'] } });
    const both = exploreFigures(periods, {
      periods: [a.id, b.id],
      levels: { customer_group: ['SMB'] },
    });
    expect(both.responses).toBe(one(a).responses + one(b).responses);
    expect(both.periods.map((p) => p.id)).toEqual([a.id, b.id]);
    const changed = {
      ...a,
      questionnaire: {
        ...a.questionnaire,
        items: a.questionnaire.items.map((item, i) => (i === 0 ? { ...item, topBox: 3 } : item)),
      },
    };
    expect(exploreFigures([changed, b], { periods: [a.id, b.id], levels: {} }).status).toBe(
      'different-questionnaires',
    );
  });

  it('a selection with no published cell is empty and its view shows no figure', () => {
    const period = periods.at(-1)!;
    const f = exploreFigures(periods, {
      periods: [period.id],
      levels: { customer_group: ['Public sector'], region: ['West'] },
    });
    expect(f.status).toBe('empty');
    expect(f.metrics).toEqual([]);
    const view = buildExploreView(f, 'en-GB');
    expect(view.message).toMatch(/too few responses/);
    expect(view.sections).toEqual([]);
  });

  it('the view puts each figure under its column and every figure’s path holds its value', () => {
    const period = periods.at(-1)!;
    const f = exploreFigures(periods, {
      periods: [period.id],
      levels: { customer_group: ['SMB'] },
    });
    const view = buildExploreView(f, 'en-GB');
    const headline = view.sections.find((s) => s.id === 'headline')!.table!;
    const column = (name: string) => headline.head.indexOf(name) - 1;
    const figures = (parts: ReadonlyArray<string | Figure>) =>
      parts.filter((p): p is Figure => typeof p !== 'string').map((p) => p.figure);
    const nps = headline.rows.find((r) => r.key === 'nps')!;
    const at = `metrics.${f.metrics.findIndex((m) => m.id === 'nps')}`;
    expect(figures(nps.cells[column('Selection (95% CI)')]!)).toEqual([
      `${at}.estimate.value`,
      `${at}.estimate.lower`,
      `${at}.estimate.upper`,
    ]);
    expect(figures(nps.cells[column('n')]!)).toEqual([`${at}.estimate.n`]);
    expect(figures(nps.cells[column('Difference from the rest')]!)).toEqual([
      `${at}.vsRest.delta`,
      `${at}.vsRest.pAdjusted`,
    ]);
    expect(figures(nps.cells[column('Rest (95% CI)')]!)[0]).toBe(`${at}.rest.value`);
  });
});
