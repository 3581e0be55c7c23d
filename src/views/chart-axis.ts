/**
 * The value axis of every chart on the site, by one rule: the axis spans what the chart draws
 * (values, interval bounds, target) plus a tenth of that span on each side, never beyond the
 * metric's declared range (a 1–5 item is never drawn on a 1–7 axis), with round ticks inside.
 * Padding in proportion to the data, not a fixed amount, keeps a real drop as steep as it is.
 */

/** Share of the drawn span added above and below. */
export const AXIS_PADDING = 0.1;

/** How many smaller steps the tick search tries before it keeps what it has. */
const MAX_STEP_TRIES = 40;

export interface ValueAxis {
  min: number;
  max: number;
  /** Round values inside [min, max], lowest first. */
  ticks: number[];
  /** The distance between ticks. */
  step: number;
}

/** Decimals a tick of this step needs: 5 → 0, 0.5 → 1, 0.05 → 2. */
export function stepDecimals(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/** The next round step down: 5 → 2 → 1 → 0.5. */
function smallerStep(step: number): number {
  const power = 10 ** Math.floor(Math.log10(step) + 1e-9);
  const mantissa = step / power;
  return (mantissa >= 4.9 ? 2 : mantissa >= 1.9 ? 1 : 0.5) * power;
}

/** Integer multiples of the step inside [lo, hi] (so 0.1 + 0.2 never prints as 0.30000000000000004). */
function ticksOf(lo: number, hi: number, step: number): number[] {
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9; k++) {
    ticks.push(Number((k * step).toPrecision(12)));
  }
  return ticks;
}

/** 1, 2 or 5 × a power of ten: the step closest above `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * power >= raw)!;
  return step * power;
}

/**
 * @param values everything the chart draws on this axis (nulls are skipped)
 * @param range the metric's lowest and highest possible value, when bounded
 * @param tickCount about how many ticks to aim for
 * @example valueAxis([60, 70], [0, 100]) // { min: 59, max: 71, ticks: [60, 62, 64, 66, 68, 70], step: 2 }
 */
export function valueAxis(
  values: ReadonlyArray<number | null>,
  range: readonly [number, number] | null,
  tickCount = 5,
): ValueAxis {
  const drawn = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const low = drawn.length > 0 ? Math.min(...drawn) : (range?.[0] ?? 0);
  const high = drawn.length > 0 ? Math.max(...drawn) : (range?.[1] ?? 1);
  // A flat series still gets an axis: a sliver of its range (or of its size) around it.
  const width = range ? range[1] - range[0] : 0;
  const scale = width > 0 ? width : Math.max(Math.abs(high), 1);
  const span = Math.max(high - low, scale * 0.02);
  const mid = (low + high) / 2;
  let lo = Math.min(low, mid - span / 2) - span * AXIS_PADDING;
  let hi = Math.max(high, mid + span / 2) + span * AXIS_PADDING;
  if (range && width > 0) {
    // The range bounds the padding, never what is drawn: a value outside it is a fault
    // upstream, and a chart that shows it is better than one that cuts it off or has no axis.
    lo = Math.max(lo, Math.min(range[0], low));
    hi = Math.min(hi, Math.max(range[1], high));
  }
  // The largest round step that still gives at least four ticks. Steps shrink by at most 2.5
  // each time, so a few dozen cover any span a figure has; the bound keeps a chart from ever
  // holding up a build.
  let step = niceStep((hi - lo) / tickCount);
  let ticks = ticksOf(lo, hi, step);
  for (let tries = 0; ticks.length < 4 && tries < MAX_STEP_TRIES; tries++) {
    step = smallerStep(step);
    ticks = ticksOf(lo, hi, step);
  }
  return { min: lo, max: hi, ticks, step };
}
