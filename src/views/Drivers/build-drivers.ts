/**
 * Pure builder of the drivers section: relative-importance bars (Johnson's weights as shares of
 * R²) and the importance–performance chart as SVG coordinates, with a text summary.
 */
import type { DriverFigures } from '../../contracts/figures-schema.ts';

type Quadrant = DriverFigures['grid'][number]['quadrant'];

/** What each quadrant of the importance–performance grid asks of the reader. */
export const QUADRANT_LABELS: Record<Quadrant, string> = {
  'concentrate-here': 'Concentrate here',
  'keep-up-the-good-work': 'Keep up the good work',
  'low-priority': 'Low priority',
  'possible-overkill': 'Possible overkill',
};

export interface DriverBar {
  driver: string;
  label: string;
  /** Share of explained variance, % (Johnson weight / R²). */
  share: number;
  johnson: number;
  lmg: number;
  pearson: number;
  performance: number;
  quadrant: Quadrant;
  /** "Concentrate here", with "(borderline)" when another sample could place it elsewhere. */
  quadrantLabel: string;
  borderline: boolean;
}

/** The importance–performance chart drawn for one width, in SVG user units. */
export interface DriverChart {
  width: number;
  height: number;
  /** Plot area. */
  box: { x: number; y: number; w: number; h: number };
  points: Array<{
    x: number;
    y: number;
    label: string;
    quadrant: Quadrant;
    borderline: boolean;
    /** Where the label is written, clear of the chart edge and of the other labels. */
    labelX: number;
    labelY: number;
    anchor: 'start' | 'end';
    /** The label sits below its point's line: a leader joins them (ending at leaderX). */
    moved: boolean;
    leaderX: number;
  }>;
  meanX: number;
  meanY: number;
  xTicks: Array<{ x: number; text: string }>;
  yTicks: Array<{ y: number; text: string }>;
  quadrantLabels: Array<{ x: number; y: number; text: string; anchor: 'start' | 'end' }>;
}

export interface DriverView {
  outcomeLabel: string;
  r2: number;
  n: number;
  excluded: number;
  method: string;
  bars: DriverBar[];
  summary: string;
  hasBorderline: boolean;
  /** A wide layout for screens and paper, a narrow one for phones. */
  wide: DriverChart;
  narrow: DriverChart;
}

/** The chart widths: the stylesheet shows the narrow one below 40rem. */
export const DRIVER_LAYOUTS = {
  wide: { width: 640, height: 360 },
  narrow: { width: 360, height: 320 },
} as const;

export function buildDrivers(d: DriverFigures, outcome: string): DriverView {
  const outcomeLabel = outcome === 'recommend' ? 'likelihood to recommend' : 'overall satisfaction';
  const bars = d.grid
    .map((g) => ({
      driver: g.driver,
      label: g.label,
      share: g.importance,
      johnson: d.johnson[g.driver]!,
      lmg: d.lmg[g.driver]!,
      pearson: d.pearson[g.driver]!,
      performance: g.performance,
      quadrant: g.quadrant,
      quadrantLabel: `${QUADRANT_LABELS[g.quadrant]}${g.borderline ? ' (borderline)' : ''}`,
      borderline: g.borderline,
    }))
    .sort((a, b) => b.share - a.share);
  const top = bars[0];
  const focus = bars
    .filter((b) => b.quadrant === 'concentrate-here')
    .map((b) => `${b.label}${b.borderline ? ' (borderline)' : ''}`);
  const summary =
    `The drivers explain ${(100 * d.r2).toFixed(0)}% of the variation in ${outcomeLabel} (n = ${d.n}). ` +
    (top
      ? `${top.label} matters most (${top.share.toFixed(0)}% of the explained variance). `
      : '') +
    (focus.length > 0
      ? `Concentrate here: ${focus.join(', ')} — important, but performing below the other drivers.`
      : 'No important driver performs below the others.');
  return {
    outcomeLabel,
    r2: d.r2,
    n: d.n,
    excluded: d.excluded,
    method: d.method,
    bars,
    summary,
    hasBorderline: bars.some((b) => b.borderline),
    wide: drawGrid(d, DRIVER_LAYOUTS.wide),
    narrow: drawGrid(d, DRIVER_LAYOUTS.narrow),
  };
}

/** The importance–performance grid at one size. */
function drawGrid(d: DriverFigures, size: { width: number; height: number }): DriverChart {
  const { width, height } = size;
  const box = { x: 48, y: 16, w: width - 64, h: height - 64 };
  const xs = d.grid.map((g) => g.importance);
  const ys = d.grid.map((g) => g.performance);
  const xMax = Math.max(10, Math.ceil((Math.max(...xs) * 1.15) / 10) * 10);
  const yMin = Math.max(0, Math.floor((Math.min(...ys) - 8) / 10) * 10);
  const yMax = Math.min(100, Math.ceil((Math.max(...ys) + 8) / 10) * 10);
  const sx = (v: number) => box.x + (v / xMax) * box.w;
  const sy = (v: number) => box.y + box.h - ((v - yMin) / (yMax - yMin)) * box.h;
  // Fewer ticks on a narrow chart, so their labels never touch.
  const step = (span: number) => (span > 60 || width < 480 ? 20 : 10);
  const xTicks = Array.from(
    { length: Math.floor(xMax / step(xMax)) + 1 },
    (_, i) => i * step(xMax),
  ).map((v) => ({
    x: sx(v),
    text: `${v}%`,
  }));
  const yTicks = [];
  for (let v = yMin; v <= yMax; v += step(yMax - yMin)) yTicks.push({ y: sy(v), text: `${v}%` });
  return {
    width,
    height,
    box,
    points: placeLabels(
      d.grid.map((g) => ({
        x: sx(g.importance),
        y: sy(g.performance),
        // The narrow chart has no room for the word: its dashed circle and legend say it.
        label: g.borderline && width >= 480 ? `${g.label} (borderline)` : g.label,
        quadrant: g.quadrant,
        borderline: g.borderline,
      })),
      width,
    ),
    meanX: sx(d.importanceMean),
    meanY: sy(d.performanceMean),
    xTicks,
    yTicks,
    quadrantLabels: [
      {
        x: box.x + box.w - 4,
        y: box.y + box.h - 6,
        text: QUADRANT_LABELS['concentrate-here'],
        anchor: 'end',
      },
      {
        x: box.x + box.w - 4,
        y: box.y + 12,
        text: QUADRANT_LABELS['keep-up-the-good-work'],
        anchor: 'end',
      },
      {
        x: box.x + 4,
        y: box.y + box.h - 6,
        text: QUADRANT_LABELS['low-priority'],
        anchor: 'start',
      },
      {
        x: box.x + 4,
        y: box.y + 12,
        text: QUADRANT_LABELS['possible-overkill'],
        anchor: 'start',
      },
    ],
  };
}

/** Approximate width of 13px sans-serif text: enough to keep labels apart without measuring. */
const CHAR_WIDTH = 7;
const LINE_HEIGHT = 15;

/**
 * Places each point's label to the right of it (to the left when it would leave the chart) and
 * moves labels down until no two overlap, so every driver stays readable; a label moved off its
 * point's line is `moved`, and the chart draws a leader from the point to it.
 */
export function placeLabels<P extends { x: number; y: number; label: string }>(
  points: readonly P[],
  width: number,
): Array<
  P & { labelX: number; labelY: number; anchor: 'start' | 'end'; moved: boolean; leaderX: number }
> {
  const placed = points.map((p) => {
    const textWidth = p.label.length * CHAR_WIDTH;
    const right = p.x + 9 + textWidth <= width;
    if (!right && p.x - 9 - textWidth < 0) {
      // Room on neither side: under the point, kept inside the chart.
      const left = Math.max(2, Math.min(width - textWidth - 2, p.x - textWidth / 2));
      const label = { ...p, anchor: 'start' as const, labelX: left, labelY: p.y + 20 };
      return { label, left, right: left + textWidth };
    }
    const left = right ? p.x + 9 : p.x - 9 - textWidth;
    const label = {
      ...p,
      anchor: right ? ('start' as const) : ('end' as const),
      labelX: right ? p.x + 9 : p.x - 9,
      labelY: p.y + 4,
    };
    return { label, left, right: left + textWidth };
  });
  const byHeight = [...placed].sort((a, b) => a.label.labelY - b.label.labelY);
  byHeight.forEach((current, i) => {
    for (const above of byHeight.slice(0, i)) {
      const sideBySide = current.left >= above.right || above.left >= current.right;
      if (!sideBySide && current.label.labelY - above.label.labelY < LINE_HEIGHT)
        current.label.labelY = above.label.labelY + LINE_HEIGHT;
    }
  });
  return placed.map((p) => ({
    ...p.label,
    moved: p.label.labelY - p.label.y > 6,
    leaderX: p.label.anchor === 'start' ? p.label.labelX + 6 : p.label.labelX - 6,
  }));
}
