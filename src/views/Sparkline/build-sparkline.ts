/** Pure builder of a tiny trend line (inline SVG path) for headline cards. */
import { valueAxis } from '../chart-axis.ts';

export interface Sparkline {
  path: string;
  /** Last point, for the end dot. */
  last: { x: number; y: number } | null;
  width: number;
  height: number;
}

/**
 * Scales values into a width × height box on the site's one value axis (src/views/chart-axis.ts:
 * the drawn span plus a tenth each side, within the metric's range); null values break the line
 * (suppressed periods).
 * @example buildSparkline([1, 2, 3], null, 60, 20).path // "M3,15.8L30,10L57,4.2"
 */
export function buildSparkline(
  values: ReadonlyArray<number | null>,
  range: readonly [number, number] | null = null,
  width = 96,
  height = 28,
): Sparkline {
  const present = values.filter((v): v is number => v !== null);
  if (present.length < 2) return { path: '', last: null, width, height };
  const axis = valueAxis(present, range);
  const span = axis.max - axis.min;
  // Room for the end dot (radius 2.5) inside the box.
  const pad = 3;
  const step = (width - 2 * pad) / Math.max(1, values.length - 1);
  let path = '';
  let penDown = false;
  let last: Sparkline['last'] = null;
  values.forEach((v, i) => {
    if (v === null) {
      penDown = false;
      return;
    }
    const x = pad + i * step;
    const y = pad + (1 - (v - axis.min) / span) * (height - 2 * pad);
    path += `${penDown ? 'L' : 'M'}${round(x)},${round(y)}`;
    penDown = true;
    last = { x: round(x), y: round(y) };
  });
  return { path, last, width, height };
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
