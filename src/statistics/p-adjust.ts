/**
 * Multiple-testing adjustments of p-values, returned in the input order.
 * Holm (1979) controls the family-wise error rate; Benjamini & Hochberg (1995) the false
 * discovery rate. Both match R's p.adjust(method = "holm" | "BH").
 */

function order(p: readonly number[]): number[] {
  return p.map((_, i) => i).sort((a, b) => p[a]! - p[b]! || a - b);
}

/**
 * Holm step-down adjusted p-values.
 * @throws "holm requires p-values between 0 and 1"
 * @example holm([0.01, 0.04, 0.03]) // [0.03, 0.06, 0.06]
 */
export function holm(p: readonly number[]): number[] {
  if (p.some((x) => !(x >= 0 && x <= 1))) throw new Error('holm requires p-values between 0 and 1');
  const m = p.length;
  const adjusted = new Array<number>(m);
  let running = 0;
  order(p).forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p[index]!));
    adjusted[index] = running;
  });
  return adjusted;
}

/**
 * Benjamini–Hochberg step-up adjusted p-values (q-values).
 * @throws "benjaminiHochberg requires p-values between 0 and 1"
 * @example benjaminiHochberg([0.01, 0.04, 0.03]) // [0.03, 0.04, 0.04]
 */
export function benjaminiHochberg(p: readonly number[]): number[] {
  if (p.some((x) => !(x >= 0 && x <= 1))) {
    throw new Error('benjaminiHochberg requires p-values between 0 and 1');
  }
  const m = p.length;
  const adjusted = new Array<number>(m);
  const sorted = order(p);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = sorted[rank]!;
    running = Math.min(running, (m * p[index]!) / (rank + 1));
    adjusted[index] = Math.min(1, running);
  }
  return adjusted;
}
