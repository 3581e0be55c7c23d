/** A committed version's frozen figures, as its page renders them (throws when they do not read). */
import { readFileSync } from 'node:fs';
import { parseFrozen } from '../src/build/frozen-figures.ts';
import type { ReviewFigures } from '../src/contracts/figures-schema.ts';

export function frozenOf(path: string): ReviewFigures {
  const read = parseFrozen(readFileSync(path), path, 'restore it from version control');
  if (!read.ok) throw new Error(`${read.problem} — ${read.fix}`);
  return read.figures;
}
