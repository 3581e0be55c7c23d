/**
 * What matters most: findings ranked by business impact, one per underlying change. The one
 * ranking the home page, the report's root causes and the drafted summary use (brief §5, issue
 * 15 item 2). Rules:
 * - tiers first: an overall change of a headline metric comes before any group change, however
 *   large (it concerns every customer and is what the headline shows); then the other changes
 *   and group gaps; then the evidence that explains them (drivers, complaints, themes,
 *   operational links);
 * - within a tier, impact = the effect on a 0–100 scale (the metric's range) × its reach, the
 *   share of customers it concerns: the group's population share, averaged with its revenue
 *   share where orders carry the group; an improvement counts half, since a review acts on
 *   declines first;
 * - one finding per underlying change: a group's declines and gaps (every metric) are one
 *   change of that group, shown as its largest finding with the others as `related`.
 * Pure.
 */
import type { Finding, MetricInfo } from '../contracts/figures-schema.ts';

/** A finding as drawn from the figures, before it is ranked. */
export type DrawnFinding = Omit<Finding, 'tier' | 'reach' | 'impact' | 'related' | 'drillDown'>;

/** Share of customers (and of revenue, where known) a group holds; overall when undefined. */
export type ReachOf = (
  segment: { dimension: string; level: string } | undefined,
) => Finding['reach'];

/** Entries whose overall change is a headline change (the scorecard's four). */
const HEADLINE_ENTRIES = new Set(['index', 'nps', 'csat', 'ces']);

const TIER_ORDER: Record<Finding['tier'], number> = { headline: 0, change: 1, evidence: 2 };

/** A finding's tier: see the module comment. */
export function tierOf(
  finding: Pick<Finding, 'kind' | 'segment' | 'metricId'>,
  catalog: Readonly<Record<string, Pick<MetricInfo, 'entry'>>>,
): Finding['tier'] {
  const change =
    finding.kind === 'decline' || finding.kind === 'improvement' || finding.kind === 'gap';
  if (!change) return 'evidence';
  const entry = finding.metricId ? catalog[finding.metricId]?.entry : undefined;
  if (!finding.segment && finding.kind !== 'gap' && entry && HEADLINE_ENTRIES.has(entry))
    return 'headline';
  return 'change';
}

/** The effect on a 0–100 scale: in % of the metric's range (as is when it has none). */
function points(effect: number, info: Pick<MetricInfo, 'range'> | undefined): number {
  const width = info?.range ? info.range[1] - info.range[0] : 0;
  return width > 0 ? (100 * Math.abs(effect)) / width : Math.abs(effect);
}

/** The weight of a reach: population share, averaged with revenue share where known. */
export function reachWeight(reach: Finding['reach']): number {
  const population = reach.population ?? 0;
  return reach.revenue === null ? population : (population + reach.revenue) / 2;
}

/** The rank order of findings: tier, declines before improvements, impact, then id. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    TIER_ORDER[a.tier] - TIER_ORDER[b.tier] ||
    Number(a.kind === 'improvement') - Number(b.kind === 'improvement') ||
    b.impact - a.impact ||
    a.id.localeCompare(b.id)
  );
}

/**
 * Ranks findings (most important first) and merges each group's declines and gaps into one.
 * @param reachOf the reach of a group; evidence findings without a group bring their own reach
 * @param evidenceReach the reach of an evidence finding (e.g. the share of customers with a
 *   late delivery); defaults to reachOf(finding.segment)
 */
export function rankFindings(
  drawn: readonly DrawnFinding[],
  catalog: Readonly<Record<string, Pick<MetricInfo, 'entry' | 'range'>>>,
  reachOf: ReachOf,
  evidenceReach: (f: DrawnFinding) => Finding['reach'] | undefined = () => undefined,
): Finding[] {
  const ranked: Finding[] = drawn.map((f) => {
    const tier = tierOf(f, catalog);
    const reach = (tier === 'evidence' ? evidenceReach(f) : undefined) ?? reachOf(f.segment);
    const info = f.metricId ? catalog[f.metricId] : undefined;
    const impact =
      points(f.effect, info) * reachWeight(reach) * (f.kind === 'improvement' ? 0.5 : 1);
    return { ...f, tier, reach, impact, related: [], drillDown: null };
  });
  ranked.sort(compareFindings);
  // One finding per underlying change: the first (largest) of a group's changes in one
  // direction keeps the others as related.
  const kept = new Map<string, Finding>();
  const out: Finding[] = [];
  for (const f of ranked) {
    const key = changeKey(f);
    const primary = key ? kept.get(key) : undefined;
    if (!primary) {
      if (key) kept.set(key, f);
      out.push(f);
      continue;
    }
    primary.related.push({
      id: f.id,
      kind: f.kind,
      metricId: f.metricId ?? null,
      segment: f.segment ?? null,
      effect: f.effect,
    });
  }
  return out;
}

/** The underlying change a group finding belongs to; null for findings that stand alone. */
function changeKey(f: Finding): string | null {
  if (f.tier !== 'change' || !f.segment) return null;
  const direction = f.kind === 'improvement' ? 'better' : 'worse';
  return `${direction}:${f.segment.dimension}=${f.segment.level}`;
}

/**
 * The findings that matter most, in rank order: headline changes (either way) and the other
 * declines and gaps; never an improvement of a group or item, never evidence.
 * @param findings a review's findings as the figures rank them
 */
export function whatMattersMost(findings: readonly Finding[], count = 3): Finding[] {
  return findings
    .filter((f) => f.tier === 'headline' || (f.tier === 'change' && f.kind !== 'improvement'))
    .slice(0, count);
}
