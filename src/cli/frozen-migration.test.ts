import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_SITE } from '../../test/build-site.ts';
import { loadReviews } from '../build/review-data.ts';
import type { ReviewFigures } from '../contracts/figures-schema.ts';
import {
  compareFrozen,
  inPublishedThemeOrder,
  keepPublished,
  suppressedByRule,
  themeFigure,
} from './frozen-migration.ts';

/** Just enough of a review's figures for the comparison: one slow-resolution comparison. */
function current(slowN: number): ReviewFigures {
  const a = { k: 10, n: slowN, value: null, lower: null, upper: null };
  const b = { k: 101, n: 157, value: 64.3, lower: 56.6, upper: 71.4 };
  return {
    format: 3,
    minimumBase: { suppress: 30, flag: 100 },
    complaints: {
      slowResolution: { label: ['slow', 'rest'], a, b, delta: null, z: null, p: null },
    },
  } as unknown as ReviewFigures;
}

const published = {
  format: 2,
  complaints: {
    slowResolution: {
      a: { k: 10, n: 16, value: 62.5, lower: 38.6, upper: 81.5 },
      b: { k: 101, n: 157, value: 64.3, lower: 56.6, upper: 71.4 },
      delta: -1.8,
      z: -0.15,
      p: 0.88,
    },
  },
};

describe('migrating a frozen file', () => {
  it('accepts a number published on a base below the minimum as suppressed, and nothing else', () => {
    const now = current(16);
    const { compared, differences } = compareFrozen(published, now);
    expect(compared).toBe(13);
    expect(differences.map((d) => d.path)).toEqual([
      'complaints.slowResolution.a.value',
      'complaints.slowResolution.a.lower',
      'complaints.slowResolution.a.upper',
      'complaints.slowResolution.delta',
      'complaints.slowResolution.z',
      'complaints.slowResolution.p',
    ]);
    expect(differences.every((d) => suppressedByRule(d, now))).toBe(true);
    const migrated = keepPublished(now, differences);
    expect(migrated.complaints!.slowResolution!.a.value).toBeNull();
    // The same null on a base at the minimum is a changed published number: refused.
    const big = current(40);
    const changed = compareFrozen(published, big).differences;
    expect(changed.some((d) => suppressedByRule(d, big))).toBe(false);
    expect(() => keepPublished(big, changed)).toThrow(/keepPublished requires/);
  });
});

describe('migrating frozen comment themes', () => {
  it('keeps the published theme figures in their published order, draws theme findings from them and drops the theme shares computed otherwise', async () => {
    const review = await loadReviews(join(FIXTURE_SITE, 'data'), FIXTURE_SITE);
    const now = review.reviews.find((r) => r.id === '2026-Q2')!;
    // As an older theme matcher published it: delivery first, with other shares.
    const old = Object.assign(structuredClone(now), { format: 3 });
    old.voice.themes.reverse();
    const delivery = old.voice.themes.find((t) => t.theme === 'delivery')!;
    Object.assign(delivery, { mentions: 60, detractors: 71.5, promoters: 12.25, p: 1e-12 });
    old.metrics.theme_delivery!.overall.value = 44.4;
    const current = inPublishedThemeOrder(old, now);
    const { differences } = compareFrozen(old, current);
    expect(differences.length).toBeGreaterThan(0);
    expect(differences.every(themeFigure)).toBe(true);
    const migrated = keepPublished(current, differences);
    expect(migrated.voice.themes.map((t) => t.theme)).toEqual(old.voice.themes.map((t) => t.theme));
    const kept = migrated.voice.themes.find((t) => t.theme === 'delivery')!;
    expect([kept.mentions, kept.detractors, kept.promoters, kept.p]).toEqual([
      60, 71.5, 12.25, 1e-12,
    ]);
    expect(migrated.metrics.theme_delivery).toBeUndefined();
    expect(migrated.trends.theme_delivery).toBeUndefined();
    expect(migrated.metrics.theme_praise).toEqual(now.metrics.theme_praise);
    const finding = migrated.findings.find((f) => f.id === 'theme:delivery')!;
    expect(finding.title).toBe(
      "Delivery comes up in 72% of detractors' comments against 12% of promoters'",
    );
    expect(migrated.findings.filter((f) => f.kind !== 'theme')).toEqual(
      now.findings.filter((f) => f.kind !== 'theme'),
    );
  });
});
