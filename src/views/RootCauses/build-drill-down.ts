/**
 * Pure builder of a finding's drill-down as plain sentences: the group's drivers, complaint
 * causes, detractors' themes (with their verbatims) and operational links against the rest.
 * Values below the minimum base arrive as null and are said to be too few, never shown.
 */
import type { DrillDown, GroupComparison } from '../../contracts/figures-schema.ts';
import { formatCount } from '../format.ts';

export interface DrillDownView {
  heading: string;
  drivers: string[];
  complaints: string[];
  /** Each theme's sentence and its quotes, with their language (undefined when unknown). */
  themes: Array<{ text: string; verbatims: Array<{ text: string; lang: string | undefined }> }>;
  operational: string[];
}

function pct(value: number, locale: string): string {
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)}%`;
}

/** "a real difference" or "within normal variation", with the indicative caveat. */
function verdict(significant: boolean, indicative: boolean): string {
  if (!significant) return 'within normal variation';
  return indicative ? 'a real difference (indicative: small base)' : 'a real difference';
}

/** "59.1% of complaints against 29.9% for the rest, a real difference" for one comparison. */
function compared(
  c: GroupComparison,
  of: string,
  significant: boolean,
  flag: number,
  locale: string,
): string {
  if (c.a.value === null || c.b.value === null)
    return `too few to compare (n = ${formatCount(c.a.n, locale)} against ${formatCount(c.b.n, locale)})`;
  const indicative = Math.min(c.a.n, c.b.n) < flag;
  return `${pct(c.a.value, locale)} of ${of} against ${pct(c.b.value, locale)} for ${c.label[1].toLowerCase()}, ${verdict(significant, indicative)}`;
}

/**
 * @param rules the review's minimum base and significance level (as its figures record them)
 * @param top how many rows of each list to show (the largest first)
 */
export function buildDrillDown(
  d: DrillDown,
  rules: { flag: number; alpha: number },
  locale = 'en-GB',
  top = 3,
): DrillDownView {
  const { flag, alpha } = rules;
  const drivers = d.drivers.slice(0, top).map((r) => {
    if (r.group === null) return `${r.label}: too few responses (n = ${formatCount(r.n, locale)})`;
    const rest = r.rest === null ? '' : ` against ${pct(r.rest, locale)} for the rest`;
    const test = r.vsRest
      ? `, ${verdict(r.vsRest.significantAdjusted, r.base === 'indicative')}`
      : '';
    return `${r.label}: ${pct(r.group, locale)} top-box${rest}${test}`;
  });
  const complaints = (d.complaints?.categories ?? [])
    .slice(0, top)
    .map((r) => `${r.label}: ${compared(r.comparison, 'complaints', r.significant, flag, locale)}`);
  const themes = d.themes.rows
    .filter((r) => (r.comparison.a.k ?? 0) > 0)
    .slice(0, top)
    .map((r) => ({
      text: `${r.label}: ${compared(r.comparison, "detractors' comments", r.significant, flag, locale)}`,
      verbatims: r.verbatims.map((v) => ({ text: v.text, lang: v.lang ?? undefined })),
    }));
  const operational: string[] = [];
  if (d.operational.lateDelivery) {
    const c = d.operational.lateDelivery;
    operational.push(
      `Late deliveries: ${compared(c, 'delivered orders', c.p !== null && c.p < alpha, flag, locale)}`,
    );
  }
  const res = d.operational.resolution;
  if (res) {
    const hours = (h: number | null) =>
      h === null
        ? 'too few tickets'
        : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(h)} h`;
    operational.push(
      `Ticket resolution, median: ${hours(res.group.median)} (n = ${formatCount(res.group.n, locale)}) against ${hours(res.rest.median)} for the rest`,
    );
  }
  return {
    heading: `Why ${d.group.level} (${d.group.label}) fell`,
    drivers,
    complaints,
    themes,
    operational,
  };
}
