/**
 * Pure builder of the churn section (customer-base table): the headline figures, and per
 * segment dimension a dot-and-interval chart of churn by level against the overall rate, with
 * each level's difference from the rest of the base and its adjusted p-value.
 */
import type { CustomerBaseFigures } from '../../contracts/figures-schema.ts';

export type Verdict = 'higher' | 'lower' | 'similar';

export interface ChurnRow {
  level: string;
  k: number;
  n: number;
  value: number;
  lower: number;
  upper: number;
  delta: number | null;
  pAdjusted: number | null;
  /** Churn significantly above or below the rest of the base (adjusted, as the figures say). */
  verdict: Verdict;
  /** Chart coordinates of the estimate and its interval, and the row's line (its name is above). */
  x: number;
  xLower: number;
  xUpper: number;
  y: number;
}

export interface ChurnDimensionView {
  dimension: string;
  label: string;
  rows: ChurnRow[];
  chart: {
    width: number;
    height: number;
    box: { x: number; y: number; w: number; h: number };
    overallX: number;
    ticks: Array<{ x: number; text: string }>;
  };
}

export interface ChurnView {
  customers: number;
  unknown: number;
  churn: { value: number; lower: number; upper: number; k: number } | null;
  revenueAtRisk: number | null;
  churnedRevenue: number;
  revenue: number;
  dimensions: ChurnDimensionView[];
  /** One sentence per dimension naming the levels that differ from the rest. */
  summary: string[];
}

// Each level's name sits above its interval, so the plot keeps the full width on a phone.
const ROW_HEIGHT = 40;
const WIDTH = 380;
const MARGIN = 12;

/** A "nice" upper bound for the axis: the next multiple of 10 above the largest interval. */
function axisMax(uppers: readonly number[]): number {
  return Math.min(100, Math.max(10, Math.ceil(Math.max(...uppers) / 10) * 10));
}

export function buildChurn(
  figures: CustomerBaseFigures,
  labels: Record<string, string>,
): ChurnView {
  const overall = figures.churn.value;
  const dimensions = Object.entries(figures.bySegment)
    .filter(([, levels]) => levels.length > 0)
    .map(([dimension, levels]): ChurnDimensionView => {
      const width = WIDTH;
      // Room on the right for the last tick label, centred on the end of the axis.
      const box = { x: MARGIN, y: 4, w: width - MARGIN - 20, h: levels.length * ROW_HEIGHT };
      const max = axisMax(levels.map((l) => l.churn.upper ?? 0));
      const sx = (v: number) => box.x + (v / max) * box.w;
      const rows = levels.map((l, i): ChurnRow => {
        const { significant } = l;
        return {
          level: l.level,
          k: l.churn.k,
          n: l.churn.n,
          value: l.churn.value!,
          lower: l.churn.lower!,
          upper: l.churn.upper!,
          delta: l.delta,
          pAdjusted: l.pAdjusted,
          verdict: !significant ? 'similar' : l.delta! > 0 ? 'higher' : 'lower',
          x: sx(l.churn.value!),
          xLower: sx(l.churn.lower!),
          xUpper: sx(l.churn.upper!),
          y: box.y + i * ROW_HEIGHT + ROW_HEIGHT - 10,
        };
      });
      return {
        dimension,
        label: labels[dimension] ?? dimension,
        rows,
        chart: {
          width,
          height: box.y + box.h + 28,
          box,
          overallX: sx(overall ?? 0),
          ticks: Array.from({ length: 6 }, (_, i) => (max * i) / 5).map((v) => ({
            x: sx(v),
            text: `${Number.isInteger(v) ? v : Number(v.toFixed(1))}%`,
          })),
        },
      };
    });
  const summary = dimensions.map((d) => {
    const higher = d.rows.filter((r) => r.verdict === 'higher').map((r) => r.level);
    const lower = d.rows.filter((r) => r.verdict === 'lower').map((r) => r.level);
    if (higher.length === 0 && lower.length === 0)
      return `By ${d.label.toLowerCase()}: no level differs significantly from the rest.`;
    const parts = [
      higher.length > 0 ? `higher churn than the rest: ${higher.join(', ')}` : null,
      lower.length > 0 ? `lower: ${lower.join(', ')}` : null,
    ].filter((p) => p !== null);
    return `By ${d.label.toLowerCase()}: ${parts.join('; ')}.`;
  });
  return {
    customers: figures.customers,
    unknown: figures.unknown,
    churn:
      figures.churn.value === null
        ? null
        : {
            value: figures.churn.value,
            lower: figures.churn.lower!,
            upper: figures.churn.upper!,
            k: figures.churn.k,
          },
    revenueAtRisk: figures.revenueAtRisk,
    churnedRevenue: figures.churnedRevenue,
    revenue: figures.revenue,
    dimensions,
    summary,
  };
}
