/** Comparing figures computed by two paths, to the precision of a float's last digits. */

/**
 * Where two values differ by more than 1e-9 (relative to their size, at least 1), by path;
 * the snapshot's own hashes, its warnings (the SQL path counts each kind once) and the tables'
 * file names are left out.
 */
export function differences(a: unknown, b: unknown, path = '', out: string[] = []): string[] {
  if (/^\.\d+\.(hash|files|warnings)$|\.tables\.\w+\.file$/.test(path)) return out;
  if (typeof a === 'number' && typeof b === 'number') {
    if (!(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))))
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
