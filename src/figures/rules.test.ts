/**
 * The rules hold in the figures every page and download shows: nothing below the minimum base
 * is a value, a significant figure on an indicative base carries the caveat, a quadrant within
 * its uncertainty is borderline, and a test true by construction is no finding.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReviews, type ReviewData } from '../build/review-data.ts';
import type { ReviewFigures } from '../contracts/figures-schema.ts';
import type { SurveyRow } from '../contracts/row-types.ts';
import { DEFAULT_THEMES } from '../contracts/theme-dictionary.ts';
import { createVoiceState, addComment } from '../reducing/voice-state.ts';
import { compileThemes } from '../reducing/theme-matcher.ts';
import { reviewsOf } from '../../test/review-figures-of.ts';
import { compareShares, share } from './behaviour-figures.ts';
import { crosses } from './driver-figures.ts';
import { driverFindings, operationalFindings, type FindingSources } from './root-causes.ts';
import { voiceFigures } from './voice-figures.ts';
import { DEFAULT_MINIMUM_BASE } from '../metrics/estimate.ts';

const ROOT = join(import.meta.dirname, '../..');

/** Every place in a figures value where a number sits on a base below `suppress`. */
function belowMinimumBase(value: unknown, suppress: number, path = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  const out: string[] = [];
  const o = value as Record<string, unknown>;
  const small = (n: unknown) => typeof n === 'number' && n < suppress;
  if (small(o.n))
    for (const key of ['value', 'lower', 'upper', 'se', 'median', 'p90'])
      if (typeof o[key] === 'number') out.push(`${path}.${key}`);
  const a = o.a as { n?: unknown } | undefined;
  const b = o.b as { n?: unknown } | undefined;
  if (a && b && (small(a.n) || small(b.n)))
    for (const key of ['delta', 'z', 'p'])
      if (typeof o[key] === 'number') out.push(`${path}.${key}`);
  for (const [key, child] of Object.entries(o))
    out.push(...belowMinimumBase(child, suppress, `${path}.${key}`));
  return out;
}

let demo: ReviewData;
beforeAll(async () => {
  demo = await loadReviews(join(ROOT, 'data'), ROOT);
}, 300_000);

describe('nothing below the minimum base is a value', () => {
  it('compareShares shows a share on a small base as its n only, and tests nothing', () => {
    const c = compareShares(['slow', 'rest'], share(10, 16), share(101, 157), {
      suppress: 30,
      flag: 100,
    });
    expect(c.a).toEqual({ k: 10, n: 16, value: null, lower: null, upper: null });
    expect(c.b.value).toBeCloseTo((100 * 101) / 157, 12);
    expect([c.delta, c.z, c.p]).toEqual([null, null, null]);
  });

  it('in the demo review figures (drill-downs included) and their history', () => {
    // The demo's slow-resolution group has 16–20 answers a quarter: it must stay suppressed.
    const q3 = demo.reviews.at(-1)!;
    expect(q3.complaints!.slowResolution!.a.n).toBeLessThan(30);
    const smb = q3.findings.find((f) => f.segment?.level === 'SMB')!.drillDown!;
    expect(smb.group).toEqual({
      dimension: 'customer_group',
      level: 'SMB',
      label: 'Customer group',
    });
    // Its detractors' own comments, two or three a theme, never an internal id as a label.
    const quoted = smb.themes.rows.flatMap((r) => r.verbatims);
    expect(quoted.length).toBeGreaterThan(0);
    expect(quoted.every((v) => v.npsClass === 'detractor')).toBe(true);
    expect(smb.themes.rows.every((r) => r.verbatims.length <= 3)).toBe(true);
    const labels = [
      ...smb.drivers.map((r) => r.label),
      ...smb.themes.rows.flatMap((r) => [r.label, ...r.comparison.label]),
      ...(smb.complaints?.categories ?? []).flatMap((r) => r.comparison.label),
    ];
    expect(labels.filter((l) => /[_=]/.test(l))).toEqual([]);
    expect(smb.operational.lateDelivery!.a.value).toBeGreaterThan(
      smb.operational.lateDelivery!.b.value!,
    );
    for (const review of demo.reviews)
      expect(belowMinimumBase(review, review.minimumBase.suppress, review.id)).toEqual([]);
    expect(belowMinimumBase(demo.history, 30, 'history')).toEqual([]);
  });

  it('in every committed frozen figures file', () => {
    const files = [
      ...[
        '2024-Q4',
        '2025-Q1',
        '2025-Q2',
        '2025-Q3',
        '2025-Q4',
        '2026-Q1',
        '2026-Q2',
        '2026-Q3',
      ].map((p) => `reports/${p}/v1.figures.json`),
      'examples/olist/reports/olist/v1.figures.json',
      'test/fixtures/site/reports/2026-Q2/v1.figures.json',
    ];
    for (const file of files) {
      const figures = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as ReviewFigures;
      expect(belowMinimumBase(figures, figures.minimumBase.suppress, file)).toEqual([]);
    }
  });
});

describe('an indicative figure’s significance carries its caveat', () => {
  /** Groups S (small, 60 answers), L and M (400) whose recommend scores fall. */
  function fall(firstOnly = false): ReviewFigures {
    const steady = [10, 9, 9, 10, 8, 10, 9, 7, 10, 9];
    const fallen = [3, 4, 9, 2, 8, 5, 1, 7, 6, 0];
    const rows = (id: string, group: string, n: number, cycle: number[]): SurveyRow[] =>
      Array.from({ length: n }, (_, i) => ({
        responseId: `${id}-${group}${i}`,
        segments: { group },
        answers: { recommend: cycle[i % cycle.length]! },
      }));
    const manifest = (id: string, start: string) => ({
      id,
      period: id,
      start,
      end: start.replace(/-01$/, '-28'),
      segments: { group: { label: 'Group', levels: { S: {}, L: {}, M: {} } } },
      items: { recommend: { scale: [0, 10] as [number, number] } },
      tables: { survey: { file: 'survey.csv', columns: { recommend: 'NPS', group: 'Group' } } },
    });
    if (firstOnly)
      return reviewsOf([
        {
          manifest: manifest('Q1', '2026-01-01'),
          survey: [
            ...rows('Q1', 'S', 60, fallen),
            ...rows('Q1', 'L', 400, steady),
            ...rows('Q1', 'M', 400, steady),
          ],
        },
      ])[0]!;
    const [, after] = reviewsOf([
      {
        manifest: manifest('Q1', '2026-01-01'),
        survey: [
          ...rows('Q1', 'S', 60, steady),
          ...rows('Q1', 'L', 400, steady),
          ...rows('Q1', 'M', 400, steady),
        ],
      },
      {
        manifest: manifest('Q2', '2026-04-01'),
        survey: [
          ...rows('Q2', 'S', 60, fallen),
          ...rows('Q2', 'L', 400, fallen),
          // Every group falls alike: S differs from no one, only from its own past.
          ...rows('Q2', 'M', 400, fallen),
        ],
      },
    ]);
    return after!;
  }

  it('flags the small group’s significant change and gap, not the large group’s', () => {
    const figures = fall();
    const s = figures.metrics.nps!.segments.group!.S!;
    const l = figures.metrics.nps!.segments.group!.L!;
    expect(s.base).toBe('indicative');
    expect(s.change!.significant).toBe(true);
    expect(s.vsRest!.significantAdjusted).toBe(false);
    expect(s.significantButIndicative).toBe(true);
    expect(l.change!.significant).toBe(true);
    expect(l.significantButIndicative).toBe(false);
    const byId = new Map(figures.findings.map((f) => [f.id, f]));
    expect(byId.get('decline:nps:group=S')!.significantButIndicative).toBe(true);
    expect(byId.get('decline:nps:group=L')!.significantButIndicative).toBe(false);
    // A first period: the small group's gap to the rest alone carries the caveat.
    const gap = fall(true).metrics.nps!.segments.group!.S!;
    expect(gap.change).toBeNull();
    expect(gap.vsRest!.significantAdjusted).toBe(true);
    expect(gap.significantButIndicative).toBe(true);
  });
});

describe('a quadrant within its uncertainty is borderline', () => {
  it('crosses tells an interval that reaches across the split line', () => {
    expect(crosses({ lower: 61.7, upper: 66.9 }, 66.8)).toBe(true);
    expect(crosses({ lower: 61.7, upper: 66.7 }, 66.8)).toBe(false);
    expect(crosses(null, 50)).toBe(true); // no interval: cannot be told from chance
  });

  it('the demo’s drivers: a borderline "concentrate here" is no finding', () => {
    const figures = demo.reviews.at(-1)!;
    // Service quality sits in "concentrate here" with its share's interval across the mean.
    const service = figures.drivers.satisfaction!.grid.find((p) => p.driver === 'service_quality')!;
    expect(service.quadrant).toBe('concentrate-here');
    expect(service.borderline).toBe(true);
    expect(figures.findings.some((f) => f.kind === 'driver')).toBe(false);
    const grid = figures.drivers.satisfaction!.grid;
    const point = grid[0]!;
    const fake = (borderline: boolean): ReviewFigures => ({
      ...figures,
      drivers: {
        satisfaction: {
          ...figures.drivers.satisfaction!,
          grid: [{ ...point, quadrant: 'concentrate-here', borderline }],
        },
      },
    });
    expect(driverFindings(fake(false)).map((f) => f.id)).toEqual([
      `driver:${point.driver}:satisfaction`,
    ]);
    expect(driverFindings(fake(true))).toEqual([]);
  });
});

describe('a test true by construction is no finding', () => {
  const matchers = compileThemes(DEFAULT_THEMES);
  const state = createVoiceState(DEFAULT_THEMES);
  for (let i = 0; i < 200; i++) {
    // Praise among promoters; delivery problems among detractors.
    addComment(state, matchers, 'Great service, love it, excellent', 10, `p${i}`);
    addComment(state, matchers, 'The parcel was late again', 2, `d${i}`);
  }
  const voice = voiceFigures(state, DEFAULT_THEMES, DEFAULT_MINIMUM_BASE);
  const figures: FindingSources = {
    voice,
    complaints: null,
    customers: null,
    behaviour: null,
    segments: {},
    catalog: {},
    metrics: {},
    drivers: {},
    questionnaire: { items: [], indexItems: [], drivers: [] },
  };

  it('praise is untested; a problem theme over-represented among detractors is a finding', () => {
    const praise = voice.themes.find((t) => t.theme === 'praise')!;
    expect(praise.sentiment).toBe('praise');
    expect(praise.p).toBeLessThan(0.001);
    expect(praise.tested).toBe(false);
    expect(voice.themes.find((t) => t.theme === 'delivery')!.tested).toBe(true);
    const ids = operationalFindings(figures).map((f) => f.id);
    expect(ids).toContain('theme:delivery');
    expect(ids).not.toContain('theme:praise');
    // Even a praise theme more frequent among detractors would not be one.
    const flipped = {
      ...figures,
      voice: {
        ...voice,
        themes: voice.themes.map((t) =>
          t.theme === 'praise' ? { ...t, detractors: 90, promoters: 10 } : t,
        ),
      },
    };
    expect(operationalFindings(flipped).map((f) => f.id)).not.toContain('theme:praise');
  });
});
