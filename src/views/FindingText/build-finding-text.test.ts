import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../test/build-site.ts';
import { frozenOf } from '../../../test/frozen-of.ts';
import { buildFindingText } from './build-finding-text.ts';

/** The demo's latest published review, as its page renders it. */
const q3 = () => frozenOf(join(ROOT, 'reports/2026-Q3/v1.figures.json'));

describe('buildFindingText(figures, id, show)', () => {
  it('gives a finding’s title, or the size of its effect in its unit, unsigned', () => {
    const figures = q3();
    const late = figures.findings.find((f) => f.id === 'operational:late-delivery')!;
    expect(buildFindingText(figures, late.id, 'title', 'en-GB')).toBe(late.title);
    expect(late.effect).toBeLessThan(0);
    expect(buildFindingText(figures, late.id, 'effect', 'en-GB')).toBe(
      `${Math.abs(late.effect).toFixed(1)} pp`,
    );
    const complaint = figures.findings.find((f) => f.kind === 'complaint')!;
    expect(buildFindingText(figures, complaint.id, 'effect', 'en-GB')).toBe(
      `${complaint.effect.toFixed(1)}%`,
    );
    const theme = figures.findings.find((f) => f.kind === 'theme')!;
    expect(buildFindingText(figures, theme.id, 'effect', 'en-GB')).toBe(
      `${theme.effect.toFixed(1)} pp`,
    );
  });

  it('writes a money effect in the review’s currency, as the other views do', () => {
    const figures = q3();
    const decline = figures.findings.find((f) => f.kind === 'decline')!;
    const money = {
      ...decline,
      id: 'decline:average_order_value',
      metricId: 'average_order_value',
      effect: -12.5,
    };
    const withMoney = { ...figures, findings: [...figures.findings, money] };
    expect(buildFindingText(withMoney, money.id, 'effect', 'en-GB')).toBe('12.50');
    expect(buildFindingText({ ...withMoney, currency: 'EUR' }, money.id, 'effect', 'en-GB')).toBe(
      '€12.50',
    );
  });

  it('names the findings the review has when the id is unknown', () => {
    expect(() => buildFindingText(q3(), 'theme:weather', 'title', 'en-GB')).toThrow(
      /no finding "theme:weather" in review 2026-Q3 \(its findings: decline:csat, /,
    );
  });
});
