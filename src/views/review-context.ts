/**
 * What a report's components render from: the figures of its version (frozen when published)
 * and the locale. The report page puts it on Astro.locals, so MDX authors write
 * `<HeadlineGrid />`, not numbers.
 */
import type { ReviewFigures } from '../contracts/figures-schema.ts';
import { siteSettings } from '../site-settings.ts';
import { numberFormats, type NumberFormats } from './format.ts';

export interface ReviewContext {
  figures: ReviewFigures;
  locale: string;
  /** How its numbers are written: the locale's, money in the manifest's currency. */
  format: NumberFormats;
}

/** The context of a version's figures, in the site's locale. */
export function reviewContext(figures: ReviewFigures): ReviewContext {
  const locale = siteSettings.locale;
  return { figures, locale, format: numberFormats(locale, figures.currency ?? null) };
}

/** The context, or a clear error when a component is used outside a report page. */
export function requireReview(
  locals: { review?: ReviewContext },
  component: string,
): ReviewContext {
  if (!locals.review) {
    throw new Error(`<${component}> must be used inside a report (reports/<snapshot>/v<N>.mdx)`);
  }
  return locals.review;
}

/** The rules a legend states, as a review's figures record them. */
export interface LegendRules {
  suppress: number;
  flag: number;
  alpha: number;
}

/** The legend rules of a review's figures (pages across periods use the latest review's). */
export function legendRules(
  figures: Pick<ReviewFigures, 'minimumBase' | 'significanceLevel'>,
): LegendRules {
  return {
    suppress: figures.minimumBase.suppress,
    flag: figures.minimumBase.flag,
    alpha: figures.significanceLevel,
  };
}
