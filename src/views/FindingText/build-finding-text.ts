/**
 * Pure builder of `<FindingText>`: a finding of the review's figures as prose, so a draft
 * never types a finding's numbers (they would go stale against the page) and a published
 * report reads them from its frozen figures.
 */
import type { Finding, ReviewFigures } from '../../contracts/figures-schema.ts';
import { numberFormats } from '../format.ts';

export type FindingShow = 'title' | 'effect';

/** A share in percent, or a difference of shares in percentage points (one decimal). */
const SHARE = {
  unit: '%',
  decimals: 1,
  direction: 'higher-is-better',
  changeUnit: 'percentage points',
} as const;

/**
 * The size of a finding's effect, unsigned, in its unit (money in the review's currency, as
 * every other view writes it): the sentence around it says which way.
 */
function effectText(figures: ReviewFigures, finding: Finding, locale: string): string {
  const format = numberFormats(locale, figures.currency ?? null);
  if (finding.kind === 'complaint') return format.value(SHARE, finding.effect);
  const metric = (finding.metricId && figures.catalog[finding.metricId]) || SHARE;
  return format.delta(metric, Math.abs(finding.effect)).replace(/^\+/, '');
}

/**
 * The text of one finding of a review: its title (one sentence, no final stop) or its effect.
 * @throws when the review has no finding of that id, naming the ones it has
 */
export function buildFindingText(
  figures: ReviewFigures,
  id: string,
  show: FindingShow,
  locale: string,
): string {
  const finding = figures.findings.find((f) => f.id === id);
  if (!finding) {
    throw new Error(
      `<FindingText id="${id}">: no finding "${id}" in review ${figures.id} (its findings: ${figures.findings.map((f) => f.id).join(', ') || 'none'})`,
    );
  }
  return show === 'title' ? finding.title : effectText(figures, finding, locale);
}
