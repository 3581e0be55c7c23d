/**
 * A small seeded pseudo-random generator for reproducible Monte-Carlo work (bootstraps), with
 * uniform, normal, gamma and chi-square variates. Every generator holds its own state: the
 * same seed gives the same sequence, and nothing is shared between generators.
 *
 * - Core: xoshiro128** (Blackman & Vigna 2021, "Scrambled linear pseudorandom number
 *   generators", ACM Trans. Math. Softw. 47(4)), 32-bit output, period 2¹²⁸ − 1.
 * - Seeding: the four state words are four outputs of a 32-bit SplitMix, i.e. the Weyl
 *   sequence s += 0x9e3779b9 passed through MurmurHash3's fmix32 finaliser.
 * - Uniform: 53 bits from two outputs, (a ≫ 5)·2²⁶ + (b ≫ 6) over 2⁵³, in [0, 1).
 * - Normal: Box & Muller (1958), both variates of a pair used in turn.
 * - Gamma: Marsaglia & Tsang (2000), "A simple method for generating gamma variables", ACM
 *   Trans. Math. Softw. 26(3); shape < 1 through Gamma(a + 1)·U^(1/a) (their §6).
 *
 * Reproducibility across machines rests on Math.log, Math.cos and Math.sin, which V8 computes
 * with the same fdlibm code on every platform; another JavaScript engine may differ in the
 * last bits of the normal and gamma variates.
 */

/** A seeded stream of variates. Each call advances the generator's own state. */
export interface SeededRandom {
  /** The next raw 32-bit output of xoshiro128**, an integer in [0, 2³²). */
  uint32(): number;
  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
  /**
   * Gamma with the given shape and scale 1: mean and variance equal the shape.
   * @throws "gamma requires shape > 0"
   */
  gamma(shape: number): number;
  /**
   * Chi-square with df degrees of freedom: 2·Gamma(df/2).
   * @throws "chiSquare requires df > 0"
   */
  chiSquare(df: number): number;
}

/**
 * The raw xoshiro128** generator from an explicit state of four 32-bit words (not all 0).
 *
 * Reference: Blackman & Vigna (2021), ACM TOMS 47(4); the C reference xoshiro128starstar.c.
 *
 * @param state the four state words s₀…s₃ (copied, not modified)
 * @returns a function giving the next output, an integer in [0, 2³²)
 * @throws "xoshiro128 requires a state of four 32-bit words, not all 0"
 * @example const next = xoshiro128([1, 2, 3, 4]); next() // 11520, then 0, 5927040, 70819200, …
 */
export function xoshiro128(state: readonly number[]): () => number {
  if (
    state.length !== 4 ||
    state.some((w) => !(Number.isInteger(w) && w >= 0 && w < 2 ** 32)) ||
    state.every((w) => w === 0)
  ) {
    throw new Error('xoshiro128 requires a state of four 32-bit words, not all 0');
  }
  let [s0, s1, s2, s3] = state.map((w) => w | 0) as [number, number, number, number];
  return () => {
    const product = Math.imul(s1, 5);
    const result = Math.imul((product << 7) | (product >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  };
}

/**
 * The four xoshiro128** state words for a seed: four outputs of the 32-bit SplitMix (the Weyl
 * sequence s += 0x9e3779b9 through MurmurHash3's fmix32). fmix32 is a bijection, so the words
 * are never all 0.
 *
 * @param seed any integer (taken modulo 2³²)
 * @returns the state words
 * @example seedState(1) // [2527132011, 314344336, 2535364964, 2041432039]
 */
export function seedState(seed: number): number[] {
  let weyl = seed >>> 0;
  return Array.from({ length: 4 }, () => {
    weyl = (weyl + 0x9e3779b9) >>> 0;
    let z = weyl;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  });
}

/**
 * A seeded generator of uniform, normal, gamma and chi-square variates.
 *
 * Reference: Blackman & Vigna (2021), ACM TOMS 47(4) (xoshiro128**); Box & Muller (1958),
 * Ann. Math. Statist. 29(2) (normals); Marsaglia & Tsang (2000), ACM TOMS 26(3) (gammas).
 *
 * @param seed an integer; the same seed gives the same sequence
 * @returns the generator, with its own state
 * @throws "createSeededRandom requires an integer seed"
 * @example createSeededRandom(1).uniform() // 0.5686059948349658, on every run
 */
export function createSeededRandom(seed: number): SeededRandom {
  if (!Number.isInteger(seed)) throw new Error('createSeededRandom requires an integer seed');
  const next = xoshiro128(seedState(seed));
  let spareNormal: number | null = null;

  const uniform = () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;

  const normal = () => {
    if (spareNormal !== null) {
      const z = spareNormal;
      spareNormal = null;
      return z;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - uniform())); // 1 − U ∈ (0, 1]
    const angle = 2 * Math.PI * uniform();
    spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };

  const gamma = (shape: number): number => {
    if (!(shape > 0 && Number.isFinite(shape))) throw new Error('gamma requires shape > 0');
    if (shape < 1) return gamma(shape + 1) * Math.pow(1 - uniform(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - uniform(); // (0, 1]: log(u) is finite
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  };

  return {
    uint32: next,
    uniform,
    normal,
    gamma,
    chiSquare: (df: number) => {
      if (!(df > 0)) throw new Error('chiSquare requires df > 0');
      return 2 * gamma(df / 2);
    },
  };
}
