/**
 * Rating scales exports write in words ("Very satisfied", "Neither agree nor disagree",
 * "Plutôt satisfait", "Sehr gut"), in English, French, Spanish, German, Portuguese, Chinese and
 * Japanese, and how a draft reads a column's labels onto one of them: each label must be a point
 * of the same scale, no two labels the same point, and the points keep the scale's order. A
 * middle point such as "Neutral" is a scale point, never "not applicable".
 */
import { LabelScalesSchema, type ScalePoint } from '../contracts/label-scales-schema.ts';
import catalogue from './label-scales.json' with { type: 'json' };
import { foldAnswer } from './no-answer.ts';

/** A scale written in words: its points from lowest to highest, each with its spellings. */
interface WordScale {
  name: string;
  points: string[][];
}

/** An adjective's spellings: itself, feminine and plural (French -t, Spanish and Portuguese -o). */
function forms(a: string): string[] {
  if (a.endsWith('o')) return [a, `${a.slice(0, -1)}a`, `${a}s`, `${a.slice(0, -1)}as`];
  if (a.endsWith('t')) return [a, `${a}e`, `${a}s`, `${a}es`];
  return [a];
}

/** A point's spellings in comparison form, each adjective in all its forms. */
function spellingsOf(point: ScalePoint): string[] {
  return [...point.words, ...(point.adjectives ?? []).flatMap(forms)].map(key);
}

// The words are data, kept in a file of their own so a linguist can add a language or a scale
// without reading code; the schema checks the file when the module loads.
const CATALOGUE = LabelScalesSchema.parse(catalogue);

/** The scales with their spellings in comparison form, tried in the catalogue's order. */
const WORD_SCALES: WordScale[] = CATALOGUE.scales.map(({ name, points }) => ({
  name,
  points: points.map(spellingsOf),
}));

/** The two answers of a yes/no outcome: what reads as the satisfied side, what as the other. */
const POSITIVE = new Set(spellingsOf(CATALOGUE.outcome.positive));
const NEGATIVE = new Set(spellingsOf(CATALOGUE.outcome.negative));

/** How a draft reads a column written in words. */
export interface LabelReading {
  /** What the scale is, for the sentence the analyst reads. */
  name: string;
  scale: [number, number];
  /** Each label as written in the export → its scale point. */
  map: Record<string, number>;
  /** Scale points no label was seen for. */
  unseen: number[];
}

/** A label's comparison form: folded, trailing punctuation and spaces dropped. */
function key(label: string): string {
  return foldAnswer(label).replace(/[.!]+$/, '');
}

const SPELLINGS: ReadonlySet<string> = new Set([
  ...WORD_SCALES.flatMap((s) => s.points.flat()),
  ...POSITIVE,
  ...NEGATIVE,
]);

/** The label is a point of some scale the draft knows ("Neutral", "Plutôt satisfait"). */
export function isScaleLabel(label: string): boolean {
  return SPELLINGS.has(key(label));
}

/** A label with its point written in it: "5 - Very satisfied", "Very satisfied (5)", "10 = Extremely likely". */
const NUMBERED = [/^(\d{1,2})\s*[-–—=:.)]\s*\p{L}/u, /\p{L}\s*[([](\d{1,2})[)\]]$/u];

/** The point a numbered label states, or null. */
export function numberOfLabel(label: string): number | null {
  for (const pattern of NUMBERED) {
    const match = pattern.exec(label.trim());
    if (match) return Number(match[1]);
  }
  return null;
}

/**
 * Reads a column's distinct labels as one scale written in words: a yes/no outcome (two labels,
 * one of each side, as 0–1), or the first scale of WORD_SCALES whose points hold every label,
 * each label on its own point. Null when no scale holds them all.
 * @example readLabelScale(['Satisfied', 'Neutral', 'Very dissatisfied']).map // { Satisfied: 4, Neutral: 3, 'Very dissatisfied': 1 }
 */
export function readLabelScale(labels: readonly string[]): LabelReading | null {
  const distinct = [...new Set(labels)];
  if (distinct.length === 0) return null;
  const keys = distinct.map(key);
  if (new Set(keys).size === 2 && keys.every((k) => POSITIVE.has(k) || NEGATIVE.has(k))) {
    const positive = keys.filter((k) => POSITIVE.has(k));
    if (new Set(positive).size === 1)
      return {
        name: 'a two-level outcome',
        scale: [0, 1],
        map: Object.fromEntries(distinct.map((l, i) => [l, POSITIVE.has(keys[i]!) ? 1 : 0])),
        unseen: [],
      };
  }
  for (const scale of WORD_SCALES) {
    const points = keys.map((k) => scale.points.findIndex((spellings) => spellings.includes(k)));
    if (points.some((p) => p < 0)) continue;
    // Two labels on one point ("Agree" and "Somewhat agree") mean another scale.
    const labelAt = new Map<number, string>();
    let clash = false;
    points.forEach((p, i) => {
      if ((labelAt.get(p) ?? keys[i]) !== keys[i]) clash = true;
      labelAt.set(p, keys[i]!);
    });
    if (clash) continue;
    const n = scale.points.length;
    return {
      name: scale.name,
      scale: [1, n],
      map: Object.fromEntries(distinct.map((l, i) => [l, points[i]! + 1])),
      unseen: Array.from({ length: n }, (_, p) => p + 1).filter((p) => !points.includes(p - 1)),
    };
  }
  return null;
}
