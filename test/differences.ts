/** Comparing figures computed by two paths, to the precision of a float's last digits. */

/**
 * Where two values differ by more than 1e-9 (relative to their size, at least 1), by path;
 * the snapshot's own hashes, its warnings (the SQL path counts each kind once) and the tables'
 * file names are left out. The index's figures must be equal to the bit: its sums of a million
 * fractions are made exactly on both paths, where an engine's own SUM rounds in an order of its
 * own and the tests of two close means turn that into p-values 2.5e-9 apart.
 */
export function differences(a: unknown, b: unknown, path = '', out: string[] = []): string[] {
  if (/^\.\d+\.(hash|files|warnings)$|\.tables\.\w+\.file$/.test(path)) return out;
  if (typeof a === 'number' && typeof b === 'number') {
    const tolerance = /\.index\./.test(path) ? 0 : 1e-9;
    if (!(Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b))))
      out.push(`${path}: ${a} ≠ ${b}`);
  } else if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys)
      differences(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        `${path}.${k}`,
        out,
      );
  } else if (a !== b) out.push(`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
  return out;
}
