/**
 * Root-cause evidence assembled from a snapshot's figures: each finding carries its figures and
 * its test, so a reader can check it and an analyst can act on it. Pure: every input is data
 * the figures already hold. Rules:
 * - decline: a metric fell significantly against the previous period, overall or in a group; the
 *   p-values of all group-level changes of a metric are Holm-adjusted together;
 * - gap: a group differs significantly (adjusted) from the rest of the sample, in the bad
 *   direction;
 * - driver: a high-importance, low-performance driver; complaint: the causes of the first 80% of
 *   complaints; theme: a problem theme over-represented among detractors (a praise theme is
 *   never one: its test is true by construction); operational: late delivery, slow resolution
 *   or churn by group going with lower satisfaction.
 * They are then ranked by business impact, one per underlying change (ranking.ts).
 */
import { SIGNIFICANCE_LEVEL } from '../metrics/significance.ts';
import type { Change, DrillDown, Finding, ReviewFigures } from '../contracts/figures-schema.ts';
import { topBoxMetricOf } from '../metrics/registry/index.ts';
import { holm } from '../statistics/p-adjust.ts';
import { compareFindings, rankFindings, type DrawnFinding, type ReachOf } from './ranking.ts';

/** The id of the finding that customers with a late delivery are less satisfied. */
export const LATE_DELIVERY_FINDING = 'operational:late-delivery';

export type { Finding };

/** The figures findings are drawn from (a review's figures before its findings). */
export type FindingSources = Figures;
type Figures = Pick<
  ReviewFigures,
  | 'catalog'
  | 'metrics'
  | 'segments'
  | 'drivers'
  | 'complaints'
  | 'voice'
  | 'customers'
  | 'behaviour'
  | 'questionnaire'
> &
  Partial<Pick<ReviewFigures, 'minimumBase'>>;

/**
 * Registry entries whose changes count as findings: the headline metrics and the attribute
 * items' top-box shares (their means, and the CSAT mean, repeat the same movement).
 */
const FINDING_ENTRIES = new Set(['index', 'nps', 'csat', 'ces', 'item-top-box']);

function worse(figures: Figures, metricId: string, delta: number): boolean {
  return figures.catalog[metricId]?.direction === 'lower-is-better' ? delta > 0 : delta < 0;
}

/**
 * Declines (and improvements) against the previous period and segment gaps.
 * @param alpha significance level after adjustment
 */
export function changeFindings(
  figures: Figures,
  previousPeriod: string | null,
  alpha = SIGNIFICANCE_LEVEL,
): DrawnFinding[] {
  const findings: DrawnFinding[] = [];
  for (const [metricId, metricFigures] of Object.entries(figures.metrics)) {
    const info = figures.catalog[metricId];
    if (!info || !FINDING_ENTRIES.has(info.entry)) continue;
    const change = metricFigures.change;
    if (change?.significant) {
      const bad = worse(figures, metricId, change.delta);
      findings.push(
        changeFinding(
          bad ? 'decline' : 'improvement',
          metricId,
          info.label,
          change,
          undefined,
          previousPeriod,
          undefined,
          metricFigures.significantButIndicative,
        ),
      );
    }
    {
      const tests: Array<{
        dimension: string;
        level: string;
        change: Change;
        indicative: boolean;
      }> = [];
      for (const [dimension, levels] of Object.entries(metricFigures.segments)) {
        for (const [level, figure] of Object.entries(levels))
          if (figure.change)
            tests.push({
              dimension,
              level,
              change: figure.change,
              indicative: figure.significantButIndicative,
            });
      }
      const adjusted = tests.length > 0 ? holm(tests.map((t) => t.change.p)) : [];
      tests.forEach((t, i) => {
        if (adjusted[i]! >= alpha) return;
        const bad = worse(figures, metricId, t.change.delta);
        findings.push(
          changeFinding(
            bad ? 'decline' : 'improvement',
            metricId,
            info.label,
            t.change,
            {
              dimension: t.dimension,
              level: t.level,
              label: figures.segments[t.dimension]?.label ?? t.dimension,
            },
            previousPeriod,
            adjusted[i],
            t.indicative,
          ),
        );
      });
    }
    for (const [dimension, levels] of Object.entries(metricFigures.segments)) {
      for (const [level, e] of Object.entries(levels)) {
        if (!e.vsRest || !e.vsRest.significantAdjusted || !worse(figures, metricId, e.vsRest.delta))
          continue;
        findings.push({
          id: `gap:${metricId}:${dimension}=${level}`,
          kind: 'gap',
          title: `${level} (${figures.segments[dimension]?.label ?? dimension}) is below the rest on ${info.label}`,
          metricId,
          segment: { dimension, level },
          effect: e.vsRest.delta,
          test: {
            name: e.vsRest.test,
            statistic: e.vsRest.statistic,
            p: e.vsRest.p,
            pAdjusted: e.vsRest.pAdjusted,
            method: 'Holm across the groups of the dimension',
          },
          significantButIndicative: e.base === 'indicative',
        });
      }
    }
  }
  return findings;
}

function changeFinding(
  kind: 'decline' | 'improvement',
  metricId: string,
  label: string,
  change: Change,
  segment: { dimension: string; level: string; label: string } | undefined,
  previousPeriod: string | null,
  pAdjusted: number | undefined,
  indicative: boolean,
): DrawnFinding {
  const where = segment ? `${segment.level} (${segment.label})` : 'Overall';
  const verb = kind === 'decline' ? 'fell' : 'rose';
  return {
    id: `${kind}:${metricId}${segment ? `:${segment.dimension}=${segment.level}` : ''}`,
    kind,
    title: `${where}: ${label} ${verb} significantly${previousPeriod ? ` since ${previousPeriod}` : ''}`,
    metricId,
    segment: segment ? { dimension: segment.dimension, level: segment.level } : undefined,
    effect: change.delta,
    test: {
      name: change.test,
      statistic: change.statistic,
      p: change.p,
      pAdjusted,
      method: segment ? 'Holm across all groups for this metric' : undefined,
    },
    significantButIndicative: indicative,
  };
}

/**
 * High-importance, low-performance drivers (the "concentrate here" quadrant) of each outcome.
 * Their test is the driver's share of R² (Johnson) against the mean share: descriptive, so the
 * finding names the figures rather than a p-value.
 */
export function driverFindings(figures: Figures): DrawnFinding[] {
  const findings: DrawnFinding[] = [];
  const seen = new Set<string>();
  for (const [outcome, result] of Object.entries(figures.drivers)) {
    if (!result) continue;
    for (const point of result.grid) {
      // One finding per driver: satisfaction comes first, recommend only adds new drivers. A
      // borderline placement is within its uncertainty: no finding.
      if (point.quadrant !== 'concentrate-here' || point.borderline || seen.has(point.driver))
        continue;
      seen.add(point.driver);
      findings.push({
        id: `driver:${point.driver}:${outcome}`,
        kind: 'driver',
        title: `${point.label} drives ${outcome === 'recommend' ? 'recommendation' : 'satisfaction'} strongly (${point.importance.toFixed(0)}% of explained variance) but performs below the other drivers (${point.performance.toFixed(1)}% top-2-box)`,
        metricId: topBoxMetricOf(figures.questionnaire, point.driver),
        effect: point.performance - result.performanceMean,
        test: {
          name: "Johnson's relative weight",
          method: `importance–performance quadrant, R² = ${result.r2.toFixed(2)}, n = ${result.n}`,
        },
        significantButIndicative: false,
      });
    }
  }
  return findings;
}

/**
 * Evidence from the joined tables: the complaint categories that make up the first 80% of
 * complaints (Pareto), comment themes over-represented among detractors (two-proportion test,
 * Holm-adjusted across themes), and operational links (late delivery, slow ticket resolution)
 * where satisfaction is significantly lower.
 */
export function operationalFindings(figures: Figures, alpha = SIGNIFICANCE_LEVEL): DrawnFinding[] {
  const findings: DrawnFinding[] = [];
  const complaints = figures.complaints;
  if (complaints) {
    complaints.pareto
      .filter((row, i) => i === 0 || complaints.pareto[i - 1]!.cumulativeShare < 80)
      .slice(0, 3)
      .forEach((row, i) => {
        findings.push({
          id: `complaint:${row.category}`,
          kind: 'complaint',
          title: `${row.category} is complaint cause no. ${i + 1}: ${row.share.toFixed(0)}% of complaints${row.per1000Orders !== null ? `, ${row.per1000Orders.toFixed(1)} per 1,000 orders` : ''}`,
          effect: row.share,
          test: {
            name: 'Pareto share',
            method: `cumulative ${row.cumulativeShare.toFixed(0)}% of ${complaints.complaints} complaints`,
          },
          significantButIndicative: false,
        });
      });
  }
  // A praise theme is untested (true by construction), so it is no finding and no member of
  // the family the adjustment counts.
  const themes = figures.voice.themes.filter(
    (t) => t.tested && t.p !== null && t.detractors !== null && t.promoters !== null,
  );
  const adjusted = themes.length > 0 ? holm(themes.map((t) => t.p!)) : [];
  themes.forEach((t, i) => {
    if (adjusted[i]! >= alpha || t.detractors! <= t.promoters!) return;
    findings.push({
      id: `theme:${t.theme}`,
      kind: 'theme',
      title: `${t.label} comes up in ${t.detractors!.toFixed(0)}% of detractors' comments against ${t.promoters!.toFixed(0)}% of promoters'`,
      effect: t.detractors! - t.promoters!,
      test: {
        name: 'two-proportion-z',
        statistic: t.z ?? undefined,
        p: t.p!,
        pAdjusted: adjusted[i],
        method: 'Holm across themes',
      },
      significantButIndicative: false,
    });
  });
  for (const [dimension, levels] of Object.entries(figures.customers?.bySegment ?? {})) {
    const label = figures.segments[dimension]?.label ?? dimension;
    for (const l of levels) {
      if (l.pAdjusted === null || l.pAdjusted >= alpha || l.delta === null || l.delta <= 0)
        continue;
      findings.push({
        id: `churn:${dimension}=${l.level}`,
        kind: 'operational',
        title: `${label} ${l.level}: churn ${l.churn.value!.toFixed(1)}% against ${(l.churn.value! - l.delta).toFixed(1)}% for the rest of the customer base`,
        metricId: 'customer_churn',
        segment: { dimension, level: l.level },
        effect: l.delta,
        test: {
          name: 'two-proportion-z',
          statistic: l.z ?? undefined,
          p: l.p ?? undefined,
          pAdjusted: l.pAdjusted,
          method: `level vs rest, n = ${l.churn.n}`,
        },
        significantButIndicative: l.churn.n < (figures.minimumBase?.flag ?? 0),
      });
    }
  }
  const links: Array<[string, GroupComparisonLike | null | undefined, string]> = [
    [
      LATE_DELIVERY_FINDING,
      figures.behaviour?.links.lateVsOnTime,
      'Customers with a late delivery',
    ],
    [
      'operational:slow-resolution',
      figures.complaints?.slowResolution,
      'Customers whose ticket took longer than the 90th percentile',
    ],
  ];
  for (const [id, link, who] of links) {
    if (!link || link.p === null || link.delta === null || link.p >= alpha || link.delta >= 0)
      continue;
    findings.push({
      id,
      kind: 'operational',
      title: `${who} are less satisfied: CSAT ${link.a.value!.toFixed(1)}% against ${link.b.value!.toFixed(1)}%`,
      metricId: 'csat',
      effect: link.delta,
      test: {
        name: 'two-proportion-z',
        statistic: link.z ?? undefined,
        p: link.p,
        method: `n = ${link.a.n} vs ${link.b.n}`,
      },
      significantButIndicative: Math.min(link.a.n, link.b.n) < (figures.minimumBase?.flag ?? 0),
    });
  }
  return findings;
}

interface GroupComparisonLike {
  a: { value: number | null; n: number };
  b: { value: number | null; n: number };
  delta: number | null;
  z: number | null;
  p: number | null;
}

/** How the findings of a snapshot are ranked and explained. */
export interface FindingContext {
  /** The share of customers (and revenue) of a group; of everyone when undefined. */
  reachOf: ReachOf;
  /** The drill-down of a group's decline, or null where nothing can be assembled. */
  drillDownOf?: (segment: { dimension: string; level: string }) => DrillDown | null;
}

/**
 * The reach of an evidence finding: the share of the compared customers it concerns (late
 * deliveries among respondents with orders, complaints of a cause among orders, a theme among
 * comments), or undefined to use the group's.
 */
function evidenceReach(figures: Figures, f: DrawnFinding): Finding['reach'] | undefined {
  const of = (k: number, n: number) => ({ population: n > 0 ? k / n : null, revenue: null });
  if (f.kind === 'driver') return { population: 1, revenue: null };
  if (f.kind === 'complaint') {
    const row = figures.complaints?.pareto.find((r) => `complaint:${r.category}` === f.id);
    return of(row?.per1000Orders ?? 0, 1000);
  }
  if (f.kind === 'theme') {
    const theme = figures.voice.themes.find((t) => `theme:${t.theme}` === f.id);
    return of(theme?.mentions ?? 0, figures.voice.comments);
  }
  const link =
    f.id === 'operational:late-delivery'
      ? figures.behaviour?.links.lateVsOnTime
      : f.id === 'operational:slow-resolution'
        ? figures.complaints?.slowResolution
        : undefined;
  return link ? of(link.a.n, link.a.n + link.b.n) : undefined;
}

/** All findings of a snapshot, ranked by business impact: the one list every view uses. */
export function findingsFor(
  figures: Figures,
  previousPeriod: string | null,
  context: FindingContext,
): Finding[] {
  const ranked = rankFindings(
    [
      ...changeFindings(figures, previousPeriod),
      ...driverFindings(figures),
      ...operationalFindings(figures),
    ],
    figures.catalog,
    context.reachOf,
    (f) => evidenceReach(figures, f),
  );
  for (const f of ranked) {
    if (f.tier === 'change' && f.segment && f.kind !== 'improvement' && context.drillDownOf)
      f.drillDown = context.drillDownOf(f.segment);
  }
  return ranked;
}

/**
 * A review's findings with its theme findings drawn again from its comment themes, in rank
 * order: for a migration that keeps the published theme shares, which a theme finding's title
 * quotes. Theme findings are evidence and never merged, so the others keep their place.
 */
export function redrawThemeFindings(figures: ReviewFigures): Finding[] {
  const drawn = operationalFindings(figures, figures.significanceLevel).filter(
    (f) => f.kind === 'theme',
  );
  const themes = rankFindings(
    drawn,
    figures.catalog,
    () => ({ population: null, revenue: null }),
    (f) => evidenceReach(figures, f),
  );
  return [...figures.findings.filter((f) => f.kind !== 'theme'), ...themes].sort(compareFindings);
}
