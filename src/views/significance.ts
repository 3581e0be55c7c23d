/**
 * The one vocabulary of significance on the site. Every card, table cell, chart and sentence
 * that says whether a difference is real reads it here: the words ("a real drop", "within
 * normal variation"), the one mark (▲ or ▼, coloured good or bad, only for a real change), the
 * caveat an indicative base adds to it, and the plain name of each test for the disclosures
 * and the methodology. The statistics themselves come from the figures; nothing is tested here.
 */
import type { Change, MetricInfo, TEST_NAMES } from '../contracts/figures-schema.ts';
import { changeIsImprovement, formatP } from './format.ts';

export type Tone = 'good' | 'bad' | 'neutral';

/** How a reader is told about one difference (a change, or a group against the rest). */
export interface DifferenceReading {
  /** "a real drop", "a real rise" (or "a real difference" between groups), or "within normal variation". */
  words: string;
  /** The mark of a real difference (its direction), or null when it is within normal variation. */
  mark: '▲' | '▼' | null;
  /** Good or bad news given the metric's direction; neutral when not real. */
  tone: Tone;
  /** Real, but on an indicative base: the mark never goes without this caveat. */
  indicative: boolean;
}

/** The words of the vocabulary, also used by the legends. */
export const SIGNIFICANCE_WORDS = {
  rise: 'a real rise',
  drop: 'a real drop',
  difference: 'a real difference',
  normal: 'within normal variation',
  indicative: 'indicative: small base',
  suppressed: 'too few responses',
} as const;

/**
 * Reads a difference for the reader.
 * @param significant the figures' verdict (adjusted, for a group against the rest)
 * @param indicative a base it compares is indicative (the figures' significantButIndicative, or
 *   the base of the figure shown)
 * @param between "change" over time (a rise or a drop) or a "gap" between groups (a difference)
 */
export function readDifference(
  metric: Pick<MetricInfo, 'direction'>,
  difference: Pick<Change, 'delta'>,
  significant: boolean,
  indicative = false,
  between: 'change' | 'gap' = 'change',
): DifferenceReading {
  if (!significant || difference.delta === 0)
    return { words: SIGNIFICANCE_WORDS.normal, mark: null, tone: 'neutral', indicative: false };
  const up = difference.delta > 0;
  const good = changeIsImprovement(metric, difference);
  return {
    words:
      between === 'gap'
        ? SIGNIFICANCE_WORDS.difference
        : up
          ? SIGNIFICANCE_WORDS.rise
          : SIGNIFICANCE_WORDS.drop,
    mark: up ? '▲' : '▼',
    tone: good ? 'good' : 'bad',
    indicative,
  };
}

/**
 * A reading in words, with the indicative caveat when it carries a mark: "a real drop
 * (indicative: small base)".
 */
export function readingWords(reading: DifferenceReading): string {
  return reading.indicative && reading.mark
    ? `${reading.words} (${SIGNIFICANCE_WORDS.indicative})`
    : reading.words;
}

type TestName = (typeof TEST_NAMES)[number];

/** Each test's plain name, for the disclosures and the methodology. */
export const TEST_LABELS: Record<TestName, string> = {
  'nps-z': 'z-test on the difference of two Net Promoter Scores',
  'two-proportion-z': 'two-proportion z-test',
  'welch-t': 'Welch’s t-test',
  'ratio-z': 'z-test on a ratio (linearised standard errors)',
  'poisson-z': 'z-test on two Poisson counts',
  'rate-z': 'z-test on two rates',
  'quantile-z': 'z-test on two quantiles',
  'bootstrap-z': 'z-test with bootstrap standard errors',
};

/** The plain name of a test the figures name (a name outside the list is already plain). */
export function testLabel(name: string): string {
  return (TEST_LABELS as Record<string, string>)[name] ?? name;
}

/**
 * "Two-proportion z-test, p = 0.021", with the adjusted p of a group compared with the rest:
 * "…, p < 0.001; adjusted for the groups compared, p = 0.004".
 */
export function testDetail(test: { name: string; p?: number; pAdjusted?: number }): string {
  const label = testLabel(test.name);
  let text = label.charAt(0).toUpperCase() + label.slice(1);
  if (test.p !== undefined) text += `, ${formatP(test.p)}`;
  if (test.pAdjusted !== undefined)
    text += `; adjusted for the groups compared, ${formatP(test.pAdjusted)}`;
  return text;
}
