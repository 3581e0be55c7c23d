/**
 * Random covariance matrices from the Wishart distribution W_k(Σ, ν), by Bartlett's
 * decomposition: with Σ = L L' (Cholesky) and A lower triangular, A_ii = √χ²(ν − i)
 * (i = 0…k−1), A_ij ~ N(0, 1) below the diagonal, W = (L A)(L A)' ~ W_k(Σ, ν).
 *
 * Reference: Bartlett (1933), "On the theory of statistical regression", Proc. R. Soc.
 * Edinburgh 53; Odell & Feiveson (1966), "A numerical procedure to generate a sample
 * covariance matrix", JASA 61(313). The sample covariance S of n multivariate-normal rows
 * has (n − 1)·S ~ W_k(Σ, n − 1), i.e. S ~ W_k(Σ/(n − 1), n − 1).
 */
import { CholeskyDecomposition, type Matrix } from 'ml-matrix';
import type { SeededRandom } from './seeded-random.ts';

/**
 * A sampler of W_k(scale, df): the Cholesky factor is computed once, each call draws one
 * matrix. Per draw the generator gives, row by row, the i normals below the diagonal and then
 * the chi-square of the diagonal.
 *
 * Reference: Bartlett (1933); Odell & Feiveson (1966), JASA 61(313). Mean df·scale, variance
 * of entry (i, j) df·(scale_ij² + scale_ii·scale_jj) (Anderson 2003, An Introduction to
 * Multivariate Statistical Analysis, 3rd ed., §7.2).
 *
 * @param scale the scale matrix Σ (k × k, symmetric positive definite)
 * @param df degrees of freedom ν > k − 1 (need not be whole)
 * @returns a function drawing one matrix from a seeded generator, as k·k numbers row-major
 * @throws "wishartSampler requires a square symmetric scale"
 * @throws "wishartSampler requires df > k − 1"
 * @throws "wishartSampler requires a positive-definite scale"
 * @example wishartSampler(new Matrix([[2, 0.5], [0.5, 1]]), 10)(createSeededRandom(1))
 * // Float64Array(4) [28.663313, 3.007381, 3.007381, 6.016342]
 */
export function wishartSampler(scale: Matrix, df: number): (random: SeededRandom) => Float64Array {
  const k = scale.rows;
  if (!(k >= 1 && scale.columns === k)) {
    throw new Error('wishartSampler requires a square symmetric scale');
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const a = scale.get(i, j);
      const b = scale.get(j, i);
      if (!(Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b), 1))) {
        throw new Error('wishartSampler requires a square symmetric scale');
      }
    }
  }
  if (!(df > k - 1 && Number.isFinite(df))) throw new Error('wishartSampler requires df > k − 1');
  const cholesky = new CholeskyDecomposition(scale);
  if (!cholesky.isPositiveDefinite()) {
    throw new Error('wishartSampler requires a positive-definite scale');
  }
  const l = Float64Array.from(cholesky.lowerTriangularMatrix.to1DArray());

  return (random) => {
    const a = new Float64Array(k * k);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < i; j++) a[i * k + j] = random.normal();
      a[i * k + i] = Math.sqrt(random.chiSquare(df - i));
    }
    // M = L A, lower triangular: M_ij = Σ_{j ≤ m ≤ i} L_im A_mj.
    const m = new Float64Array(k * k);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j <= i; j++) {
        let sum = 0;
        for (let t = j; t <= i; t++) sum += l[i * k + t]! * a[t * k + j]!;
        m[i * k + j] = sum;
      }
    }
    // W = M M': W_ij = Σ_{t ≤ min(i, j)} M_it M_jt.
    const w = new Float64Array(k * k);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j <= i; j++) {
        let sum = 0;
        for (let t = 0; t <= j; t++) sum += m[i * k + t]! * m[j * k + t]!;
        w[i * k + j] = sum;
        w[j * k + i] = sum;
      }
    }
    return w;
  };
}
