/**
 * The comparison form of free text, for matching words whatever their writing: lower case,
 * accents removed (é → e, ü → u), "ß" as "ss", typographic apostrophes as "'". Chinese and
 * Japanese keep their characters (composed again after the accents are stripped, so a kana with
 * its voicing mark compares as one character).
 */

const NON_ASCII = /[^ -~\t\n\r]/;

/**
 * @example foldText('Qualité GROẞ don’t') // "qualite gross don't"
 */
export function foldText(text: string): string {
  // ASCII has no accents to strip: skip the Unicode normalisation most texts do not need.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[’‘ʼ]/g, "'");
}
