import { describe, expect, it } from 'vitest';
import { reviewsOf } from '../../../test/review-figures-of.ts';
import { buildFigure } from './build-figure.ts';

const [q1, q2] = reviewsOf(
  ['2026-01-01', '2026-04-01'].map((start, p) => ({
    manifest: {
      id: `P${p + 1}`,
      period: `Period ${p + 1}`,
      start,
      end: start.replace(/-01$/, '-28'),
      segments: { group: { label: 'Group', levels: { A: {}, B: {} } } },
      items: {
        ltr: { scale: [0, 10], role: 'recommend' },
        seat: { label: 'Seat comfort', scale: [1, 5] },
      },
      tables: { survey: { file: 'survey.csv', columns: { ltr: 'LTR', seat: 'Seat', group: 'G' } } },
    },
    survey: Array.from({ length: 200 }, (_, i) => ({
      responseId: `${p}-${i}`,
      segments: { group: i % 10 === 0 ? 'B' : 'A' },
      answers: { ltr: (i + p * 3) % 11, seat: 1 + ((i * 7 + p) % 5) },
    })),
  })),
);

describe('buildFigure', () => {
  it('writes a value, a full figure and a change with its test, overall and for a group', () => {
    expect(buildFigure(q2!, 'seat', undefined, 'value', 'en-GB')).toBe(
      `${q2!.metrics.seat!.overall.value!.toFixed(1)}%`,
    );
    expect(buildFigure(q2!, 'nps', undefined, 'full', 'en-GB')).toMatch(/\(95% CI .+\), n = 200$/);
    expect(buildFigure(q2!, 'nps', undefined, 'change', 'en-GB')).toMatch(
      /^[+−]?\d+\.\d pts, (a real (rise|drop)|within normal variation)$/,
    );
    expect(buildFigure(q2!, 'nps', 'group:B', 'value', 'en-GB')).toBe(
      'too few responses to show (n = 20)',
    );
    expect(buildFigure(q1!, 'nps', undefined, 'change', 'en-GB')).toBe(
      'no comparable previous period',
    );
  });

  it('names the near matches and the review’s metrics for an unknown id, and its groups for an unknown group', () => {
    expect(() => buildFigure(q2!, 'npss', undefined, 'value', 'en-GB')).toThrow(
      /no metric "npss" in review P2 \(did you mean "nps"\?\)\. Its metrics: nps, seat, seat_mean$/,
    );
    expect(() => buildFigure(q2!, 'seat_man', undefined, 'value', 'en-GB')).toThrow(
      /\(did you mean "seat_mean" or "seat"\?\)/,
    );
    expect(() => buildFigure(q2!, 'nps', 'group:C', 'value', 'en-GB')).toThrow(
      /no group "group:C" for nps \(groups: group:A, group:B\)/,
    );
  });
});
