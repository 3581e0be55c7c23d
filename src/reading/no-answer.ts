/**
 * What exports write for "no answer". Two lists, because a rated question and a free-text one
 * differ: on a scale, only a text that says the question did not apply (or that the respondent
 * does not know) may be read as "not applicable", never a scale point such as "Neutral"; in a
 * comment column, a placeholder such as "NA", "-", "null" or "none" is no comment at all, and
 * counting it would inflate the number of comments and shrink every theme's share.
 *
 * Texts are compared folded: trimmed, lower case, accents removed, inner spaces collapsed.
 */
import { foldText } from './fold-text.ts';

/**
 * "Not applicable" and "don't know" as exports write them, in the languages the project reads
 * (compared folded, so accents and case do not matter).
 */
const NOT_APPLICABLE = [
  // codes
  'na',
  'n/a',
  'n.a.',
  'n.a',
  '#n/a',
  'n/d',
  'n.d.',
  '-',
  '--',
  '---',
  // English
  'not applicable',
  'does not apply',
  "doesn't apply",
  'not relevant',
  "don't know",
  'dont know',
  'do not know',
  "don't know / not applicable",
  'dk',
  'dk/na',
  'no opinion',
  'prefer not to say',
  'not sure',
  // French
  'non applicable',
  'sans objet',
  's.o.',
  'so',
  'ne sait pas',
  'je ne sais pas',
  'nsp',
  "ne s'applique pas",
  'sans avis',
  'pas concerne',
  'non concerne',
  // Spanish
  'no aplica',
  'no procede',
  'no corresponde',
  'no sabe',
  'no se',
  'ns/nc',
  'ns',
  'no sabe / no contesta',
  'sin opinion',
  // German
  'nicht zutreffend',
  'trifft nicht zu',
  'entfallt',
  'weiss nicht',
  'keine angabe',
  'k.a.',
  'k. a.',
  'ka',
  'kann ich nicht beurteilen',
  // Portuguese
  'nao se aplica',
  'nao aplicavel',
  'nao sei',
  'sem opiniao',
  // Chinese and Japanese
  '不适用',
  '不知道',
  '不清楚',
  '該当なし',
  'わからない',
  '分からない',
];

/** Placeholders free-text columns hold instead of a comment (besides the codes above). */
const NO_COMMENT = [
  'null',
  'nil',
  'none',
  'nan',
  'undefined',
  '(blank)',
  '(empty)',
  'empty',
  '.',
  '..',
  '...',
  '?',
  '/',
  'x',
  'no comment',
  'no comments',
  'sans commentaire',
  'aucun commentaire',
  'aucun',
  'neant',
  'sin comentarios',
  'sin comentario',
  'ninguno',
  'kein kommentar',
  'keine',
  'keiner',
  'sem comentarios',
  'sem comentario',
  'nenhum',
  '无',
  '没有意见',
  'なし',
  '特になし',
];

/** The comparison form: trimmed, folded (fold-text.ts), inner spaces collapsed. */
export function foldAnswer(text: string): string {
  return foldText(text.trim()).replace(/\s+/g, ' ');
}

const NOT_APPLICABLE_SET: ReadonlySet<string> = new Set(NOT_APPLICABLE.map(foldAnswer));
const NO_ANSWER_SET: ReadonlySet<string> = new Set(
  [...NOT_APPLICABLE, ...NO_COMMENT].map(foldAnswer),
);

/**
 * A bound on a placeholder's length, in UTF-8 bytes as much as in UTF-16 units: four times the
 * longest folded spelling covers accents, CJK (three bytes a character) and doubled spaces. A
 * longer cell is never a placeholder, so readers skip the check.
 */
export const NO_ANSWER_MAX_BYTES = 4 * Math.max(...[...NO_ANSWER_SET].map((t) => t.length));

/**
 * The text says the question does not apply or that the respondent does not know: the only
 * texts a draft may read as "not applicable" on a scale.
 * @example isNotApplicableText("Don't know") // true; isNotApplicableText('Neutral') // false
 */
export function isNotApplicableText(text: string): boolean {
  return NOT_APPLICABLE_SET.has(foldAnswer(text));
}

/**
 * The text is a placeholder for "no comment" (NA, N/A, -, null, none, no comment…): missing in
 * a free-text column.
 * @example isNoAnswer('N/A') // true; isNoAnswer('Nothing to add, all good') // false
 */
export function isNoAnswer(text: string): boolean {
  return text.length <= NO_ANSWER_MAX_BYTES && NO_ANSWER_SET.has(foldAnswer(text));
}
