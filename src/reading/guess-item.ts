/**
 * How a draft reads one rated column: its scale from the data's range (or the header's own
 * "(1-5)"), its labels from their words or the numbers written in them, and which texts mean
 * "not applicable" — only those whose words say so ("N/A", "Don't know", "Sans objet"), never a
 * scale point. Every guess that could change a figure is returned as an assumption for the
 * manifest, which validate reports until the analyst confirms it.
 */
import { isScaleLabel, numberOfLabel, readLabelScale } from './label-scales.ts';
import { foldAnswer, isNotApplicableText } from './no-answer.ts';

/** A rated column as the draft declares it. */
export interface ItemGuess {
  scale: [number, number];
  /** Export codes read as "not applicable" (counted as missing). */
  notApplicable: string[];
  /** Export label → scale point, for columns written in words. */
  labels: Record<string, number>;
  /** Sentences for the analyst: what was read, and how. */
  notes: string[];
  /** Guesses that could change a figure: recorded in the manifest until confirmed. */
  assumed: string[];
  /** Labels no scale holds: left for validate to report, never read as "not applicable". */
  unknown: string[];
}

/** Usual numeric scales, smallest first. */
const USUAL_SCALES: Array<[number, number]> = [
  [0, 1],
  [1, 5],
  [1, 7],
  [0, 10],
  [1, 10],
  [0, 100],
];

/** The smallest usual scale that holds every observed value. */
export function guessScale(values: readonly number[]): [number, number] | null {
  if (values.length === 0 || values.some((v) => !Number.isInteger(v))) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  // Both ends of 1–10 answered and never 0: a 1–10 scale, not 0–10.
  if (min === 1 && max === 10) return [1, 10];
  return USUAL_SCALES.find(([low, high]) => min >= low && max <= high) ?? null;
}

/** A scale the header states: "(1-5)", "0 to 10", "1 à 7", "1 bis 5", "0 a 10". */
function headerScale(header: string): [number, number] | null {
  const match = /(?:^|\D)(\d{1,2})\s*(?:-|–|—|to|à|a|bis|até)\s*(\d{1,3})(?:\D|$)/i.exec(header);
  if (!match) return null;
  const [low, high] = [Number(match[1]), Number(match[2])];
  return high > low ? [low, high] : null;
}

const INTEGER = /^-?\d+$/;

/**
 * Reads a rated column from its non-empty cells; null when they are not answers on a scale
 * (free text, amounts, more than eleven different numbers).
 * @param header the export's header, for the sentences and a stated scale
 * @param cells the column's non-empty, trimmed cells
 * @param recommend the column is the likelihood-to-recommend question, defined on 0–10
 */
export function guessItem(
  header: string,
  cells: readonly string[],
  recommend = false,
): ItemGuess | null {
  const notApplicable = new Set<string>();
  const numbers: number[] = [];
  const words: string[] = [];
  const labels: Record<string, number> = {};
  for (const cell of new Set(cells)) {
    if (INTEGER.test(cell)) numbers.push(Number(cell));
    else if (isNotApplicableText(cell)) notApplicable.add(cell);
    else {
      const stated = numberOfLabel(cell);
      if (stated === null) words.push(cell);
      else {
        labels[cell] = stated;
        numbers.push(stated);
      }
    }
  }
  const guess: ItemGuess = {
    scale: [1, 5],
    notApplicable: [...notApplicable],
    labels,
    notes: [],
    assumed: [],
    unknown: [],
  };
  const said = `"${header}"`;
  if (guess.notApplicable.length > 0)
    guess.notes.push(
      `${said}: ${guess.notApplicable.map((t) => `"${t}"`).join(', ')} read as "not applicable" (the export says so)`,
    );
  if (words.length > 0) {
    // The labels of a known scale are read; the others are left for validate to report,
    // never guessed as "not applicable".
    const known = words.filter(isScaleLabel);
    const reading = readLabelScale(known);
    guess.unknown = words.filter((w) => !known.includes(w));
    if (reading === null || guess.unknown.length > known.length) {
      // No scale in words: a rated column only when numbers carry it.
      if (numbers.length === 0 || words.length > numbers.length) return null;
      guess.unknown = words;
    } else {
      if (numbers.some((n) => n < reading.scale[0] || n > reading.scale[1])) return null;
      const byKey = new Set<string>();
      for (const [label, point] of Object.entries(reading.map)) {
        // One spelling per label: the manifest's labels match whatever their case.
        if (byKey.has(foldAnswer(label))) continue;
        byKey.add(foldAnswer(label));
        guess.labels[label] = point;
      }
      guess.scale = reading.scale;
      const shown = Object.entries(guess.labels)
        .sort((a, b) => a[1] - b[1])
        .map(([label, point]) => `"${label}" = ${point}`)
        .join(', ');
      guess.assumed.push(
        `${said}: labels read as ${reading.name} ${reading.scale[0]}–${reading.scale[1]}: ${shown}${reading.unseen.length > 0 ? ` (no answer seen for ${reading.unseen.join(', ')}: check the questionnaire has these points)` : ''}`,
      );
      return recommend ? null : guess;
    }
  }
  if (numbers.length === 0) return null;
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  const stated = headerScale(header);
  if (stated && min >= stated[0] && max <= stated[1]) {
    guess.scale = stated;
    guess.notes.push(`${said}: scale ${stated[0]}–${stated[1]}, as its header says`);
    return recommend && (stated[0] !== 0 || stated[1] !== 10) ? null : guess;
  }
  if (new Set(numbers).size > 11) return null;
  if (recommend) {
    // NPS is defined on 0–10: answers that stay within 0–7 are another question.
    if (min < 0 || max > 10 || max <= 7) return null;
    guess.scale = [0, 10];
  } else if (min === 0 && max >= 3 && max <= 7) {
    // 1..k plus 0: the 0 is the export's "not applicable" code, not a scale point.
    guess.scale = guessScale(numbers.filter((n) => n !== 0))!;
    guess.notApplicable.push('0');
    guess.assumed.push(
      `${said}: answers 1–${max} and 0, read as scale ${guess.scale[0]}–${guess.scale[1]} with 0 as "not applicable" (if 0 is a scale point, declare the scale from 0 and remove "0" from notApplicable)`,
    );
    return guess;
  } else {
    const scale = guessScale(numbers);
    if (!scale) return null;
    guess.scale = scale;
  }
  const [low, high] = guess.scale;
  if (min > low || max < high)
    guess.assumed.push(
      `${said}: scale ${low}–${high} assumed from answers ${min}–${max} (the ends of the scale decide the top box and the index)`,
    );
  else guess.notes.push(`${said}: scale ${low}–${high} (answers ${min}–${max})`);
  return guess;
}
