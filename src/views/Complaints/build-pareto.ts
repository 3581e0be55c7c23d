/** Pure builder of the Pareto chart: bars of complaints per category and the cumulative-share line, as SVG. */
import type { ComplaintFigures } from '../../contracts/figures-schema.ts';

type ParetoRow = ComplaintFigures['pareto'][number];

export interface ParetoChart {
  width: number;
  height: number;
  bars: Array<{
    x: number;
    y: number;
    w: number;
    h: number;
    label: string;
    value: number;
    cumulativeY: number;
    cx: number;
  }>;
  linePath: string;
  yTicks: Array<{ y: number; text: string }>;
  rightTicks: Array<{ y: number; text: string }>;
  baseY: number;
  left: number;
  right: number;
}

export function buildPareto(rows: readonly ParetoRow[]): ParetoChart {
  const width = 640;
  const height = 300;
  const left = 44;
  const right = width - 44;
  const top = 16;
  const baseY = height - 70;
  const max = Math.max(1, ...rows.map((r) => r.complaints));
  const niceMax = Math.ceil(max / 10) * 10;
  const slot = (right - left) / Math.max(1, rows.length);
  const bars = rows.map((r, i) => {
    const h = ((baseY - top) * r.complaints) / niceMax;
    const x = left + i * slot + slot * 0.15;
    return {
      x,
      y: baseY - h,
      w: slot * 0.7,
      h,
      label: r.category,
      value: r.complaints,
      cx: x + slot * 0.35,
      cumulativeY: baseY - ((baseY - top) * r.cumulativeShare) / 100,
    };
  });
  const linePath = bars
    .map((b, i) => `${i === 0 ? 'M' : 'L'}${b.cx.toFixed(1)},${b.cumulativeY.toFixed(1)}`)
    .join('');
  const yTicks = [0, 0.5, 1].map((f) => ({
    y: baseY - (baseY - top) * f,
    text: String(Math.round(niceMax * f)),
  }));
  const rightTicks = [0, 50, 80, 100].map((p) => ({
    y: baseY - ((baseY - top) * p) / 100,
    text: `${p}%`,
  }));
  return { width, height, bars, linePath, yTicks, rightTicks, baseY, left, right };
}

/** The phone's Pareto: one horizontal bar per category, its count and the cumulative share. */
export interface ParetoRowsChart {
  width: number;
  height: number;
  rows: Array<{
    /** Baseline of the category's name, written above its bar. */
    labelY: number;
    barY: number;
    w: number;
    label: string;
    value: number;
    cumulative: string;
    textX: number;
  }>;
  barHeight: number;
}

/**
 * A phone-width Pareto: categories one under the other, each name above its bar, so every name
 * and bar stays readable in 360 units without scrolling sideways.
 */
export function buildParetoRows(rows: readonly ParetoRow[], width = 360): ParetoRowsChart {
  const rowHeight = 36;
  const barHeight = 12;
  // Room on the right for "211 · 43% so far" at 11px.
  const maxBar = width - 110;
  const max = Math.max(1, ...rows.map((r) => r.complaints));
  return {
    width,
    height: rows.length * rowHeight + 4,
    barHeight,
    rows: rows.map((r, i) => {
      const w = Math.max(1, (maxBar * r.complaints) / max);
      const top = 2 + i * rowHeight;
      return {
        labelY: top + 12,
        barY: top + 17,
        w,
        label: r.category,
        value: r.complaints,
        cumulative: `${Math.round(r.cumulativeShare)}%`,
        textX: w + 6,
      };
    }),
  };
}
