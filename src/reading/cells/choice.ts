/**
 * Choice cells (churned, competitor, journey stage): one of the field's canonical values, in
 * lower case, or the one its export label names. No fast reader: a choice column repeats a few
 * values, which the row loop's memo of repeated cells answers.
 */
import type { FieldKind } from '../field-specs.ts';
import { labelOf, type CellContext, type CellResult } from './cell.ts';
import { matchKey } from '../../contracts/match-key.ts';

export type ChoiceKind = Extract<FieldKind, { type: 'choice' }>;

/** Parses a choice cell (trimmed, not empty). */
export function parseChoice(text: string, kind: ChoiceKind, ctx: CellContext): CellResult {
  const label = labelOf(text, ctx);
  const mapped = label !== undefined ? String(label) : text;
  const key = matchKey(mapped);
  const choice = kind.choices.find((c) => c === key);
  if (choice === undefined) {
    return {
      ok: false,
      id: 'unknown-label',
      message: `not one of ${kind.choices.join(', ')}`,
      hint: 'map the export\'s label to one of these in the table\'s "values" in manifest.json',
    };
  }
  return { ok: true, value: choice };
}
