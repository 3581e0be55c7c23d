/**
 * The form under which text an export writes (a cell, a header) is compared with what a manifest
 * declares (segment levels, value labels, choices, not-applicable codes, column headers): lower
 * case, and Unicode NFC, since one export writes "é" as one character and another, made on
 * another system, as "e" and a combining accent, which look the same and compare unequal.
 * @example matchKey('Île-de-France'.normalize('NFD')) === matchKey('île-de-france') // true
 */
export function matchKey(text: string): string {
  return text.normalize('NFC').toLowerCase();
}
