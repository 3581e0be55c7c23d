/**
 * The registry is the one definition of every metric: each metric it gives a snapshot is
 * computed, listed in the figures (JSON and CSV), readable through <Figure>, and — where the
 * previous period has it — compared with a test. Run on the demo data, whose snapshots have a
 * survey, orders and tickets, and on the Telco customer base when the shared datasets are here.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReviewFigures } from '../src/contracts/figures-schema.ts';
import { loadReviews } from '../src/build/review-data.ts';
import { REGISTRY } from '../src/metrics/registry/index.ts';
import { buildFigure } from '../src/views/Figure/build-figure.ts';
import { figureRows } from '../src/views/figures-table.ts';
import { ROOT } from './build-site.ts';
import { SHARED_DATASETS, sharedDataset } from './shared-datasets.ts';

let demo: ReviewFigures[];
beforeAll(async () => {
  demo = (await loadReviews(join(ROOT, 'data'), ROOT)).reviews;
});

/** Every metric of a review is in its figures, its CSV rows and <Figure>. */
function expectEveryMetricReadable(review: ReviewFigures): void {
  const rows = figureRows(review);
  for (const [id, info] of Object.entries(review.catalog)) {
    expect(
      REGISTRY.some((e) => e.id === info.entry),
      id,
    ).toBe(true);
    const text = buildFigure(review, id, undefined, 'full', 'en-GB');
    if (!review.metrics[id]) {
      expect(text).toBe('not available in this review');
      continue;
    }
    expect(text, id).toMatch(/\d|suppressed/);
    expect(
      rows.some((r) => r.metric === id && r.dimension === null),
      `${id} in the CSV`,
    ).toBe(true);
  }
}

describe('every metric of the registry, end to end', () => {
  it('the demo’s reviews have metrics of every section of the registry but the customer base', () => {
    const sections = new Set(Object.values(demo.at(-1)!.catalog).map((m) => m.section));
    const expected = new Set(REGISTRY.map((e) => e.section));
    expected.delete('customers');
    expect([...sections].sort()).toEqual([...expected].sort());
    // Every entry that applies to these tables gives the latest review a metric.
    const entries = new Set(Object.values(demo.at(-1)!.catalog).map((m) => m.entry));
    for (const entry of REGISTRY.filter((e) => e.section !== 'customers'))
      expect(entries.has(entry.id), entry.id).toBe(true);
  });

  it('each metric is in the figures, the CSV rows and <Figure>, in every demo review', () => {
    for (const review of demo) expectEveryMetricReadable(review);
  });

  it('each metric the previous period also has gets its change and its test', () => {
    for (const [i, review] of demo.entries()) {
      if (i === 0) continue;
      const previous = demo[i - 1]!;
      for (const [id, m] of Object.entries(review.metrics)) {
        const before = previous.metrics[id];
        if (!before) continue;
        const comparable =
          m.overall.value !== null &&
          before.overall.value !== null &&
          m.overall.se !== null &&
          before.overall.se !== null;
        if (!comparable) continue;
        expect(m.change, `${review.id} ${id}`).not.toBeNull();
        expect(m.change!.p).toBeGreaterThanOrEqual(0);
        expect(m.change!.p).toBeLessThanOrEqual(1);
      }
    }
    // Behaviour and service metrics among them (they had no change test before the registry).
    const latest = demo.at(-1)!;
    for (const id of [
      'repeat_rate',
      'retention',
      'purchase_frequency',
      'average_order_value',
      'complaints_per_1000_orders',
      'resolution_median',
    ]) {
      expect(latest.metrics[id], id).toBeDefined();
      expect(latest.metrics[id]!.change, id).not.toBeNull();
    }
  });
});

const telco = sharedDataset('telco', 'Telco-Customer-Churn.csv');
describe.skipIf(!telco.available)(`the customer base's metrics${telco.reason}`, () => {
  it('are in the figures, the CSV rows and <Figure>', async () => {
    const { reviews } = await loadReviews(join(ROOT, 'examples/telco/data'), ROOT, {
      externalData: [SHARED_DATASETS],
    });
    const review = reviews[0]!;
    expect(review.metrics.customer_churn).toBeDefined();
    expect(review.metrics.churned_revenue_share).toBeDefined();
    expectEveryMetricReadable(review);
  });
});
