/** A committed version's frozen figures, as its page renders them (throws when they do not read). */
import { readFrozen } from '../src/build/frozen-figures.ts';
import type { ReviewFigures } from '../src/contracts/figures-schema.ts';

export function frozenOf(path: string): ReviewFigures {
  const read = readFrozen(path, path);
  if (!read.ok) throw new Error(`${read.message} — ${read.hint}`);
  return read.figures;
}
