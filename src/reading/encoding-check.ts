/**
 * Signs that a file is written in another encoding than the one declared, read from the text of
 * its cells: UTF-8 bytes read as windows-1252 or Latin-1 turn "é" into "Ã©" (mojibake), and
 * DOS code page 850 bytes read as either turn "café" into "caf‚". Both read without an invalid
 * byte, so only the text shows them. The checks are pure functions of a cell's text; the CSV
 * reader calls them on the cells that hold non-ASCII characters.
 */
import { isUtf8 } from 'node:buffer';

/** The characters windows-1252 gives the bytes 0x80–0xFF (all 128 are defined by WHATWG). */
const HIGH_1252 = new TextDecoder('windows-1252').decode(
  Uint8Array.from({ length: 128 }, (_, k) => 0x80 + k),
);

/** Each of those characters → its byte. */
const BYTE_OF_1252 = new Map([...HIGH_1252].map((ch, k) => [ch, 0x80 + k]));

/** Code page 850's characters for the bytes 0x80–0xA5 (its accented letters). */
const CP850_LETTERS = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑ';

/** The bytes windows-1252 read as `text`, or null when a character is not one it gives. */
function bytesOf1252(text: string): Buffer | null {
  const bytes = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const byte = code < 0x80 ? code : BYTE_OF_1252.get(text[i]!);
    if (byte === undefined) return null;
    bytes[i] = byte;
  }
  return bytes;
}

/**
 * The text that UTF-8 bytes read as windows-1252 or Latin-1 spelt as `text` ("Ã©tÃ©" →
 * "été"); null when `text` is not such a misreading.
 */
export function utf8Misread(text: string): string | null {
  // Every character of two or more UTF-8 bytes starts with one of 0xC2–0xF4: "Â" to "ô".
  if (!/[\u00c2-\u00f4]/.test(text)) return null;
  const bytes = bytesOf1252(text);
  if (bytes === null || !isUtf8(bytes)) return null;
  const repaired = bytes.toString('utf8');
  return repaired === text ? null : repaired;
}

/** CP850 letters that windows-1252 shows as symbols or controls, never found after a letter. */
const AFTER_A_LETTER = new Set('\u0081\u008d\u008f\u0090‚†‡ˆ‰‹¡¢¤¥');
/**
 * CP850 letters windows-1252 shows as punctuation real text puts beside a letter, or as "Š"
 * (CP850's "è"), which real text does not put between two ASCII letters. (Dashes, which text
 * writes between words, and "š", a letter of its own, are left out.)
 */
const BETWEEN_LETTERS = new Set('„…“”•£Š');
const ASCII_LETTER = /[A-Za-z]/;

/**
 * The text that CP850 bytes read as windows-1252 or Latin-1 spelt as `text` ("caf‚" →
 * "café"); null when nothing in `text` looks like it. A CP850 letter read so becomes a symbol
 * glued to the letters of its word, which windows-1252 text does not write.
 */
export function cp850Misread(text: string): string | null {
  let found = false;
  for (let i = 1; i < text.length && !found; i++) {
    const ch = text[i]!;
    if (!ASCII_LETTER.test(text[i - 1]!)) continue;
    found =
      AFTER_A_LETTER.has(ch) ||
      (BETWEEN_LETTERS.has(ch) && i + 1 < text.length && ASCII_LETTER.test(text[i + 1]!));
  }
  if (!found) return null;
  let repaired = '';
  for (const ch of text) {
    const byte = BYTE_OF_1252.get(ch);
    repaired += byte !== undefined && byte <= 0xa5 ? CP850_LETTERS[byte - 0x80]! : ch;
  }
  return repaired;
}

/** The text windows-1252 makes of a cell's bytes (for bytes that are not valid UTF-8). */
export function asWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes);
}

/** The first cell of a file that shows a misreading, and how many do. */
export interface Misreading {
  row: number;
  column: number;
  text: string;
  repaired: string;
  count: number;
}

/** Records the cells of one file that show a misreading (the first one and the count). */
export class MisreadingTally {
  utf8: Misreading | null = null;
  cp850: Misreading | null = null;

  /** Checks one cell's text (a cell with non-ASCII characters). */
  check(text: string, row: number, column: number): void {
    const asUtf8 = utf8Misread(text);
    if (asUtf8 !== null) {
      if (this.utf8) this.utf8.count += 1;
      else this.utf8 = { row, column, text, repaired: asUtf8, count: 1 };
      return;
    }
    const asCp850 = cp850Misread(text);
    if (asCp850 === null) return;
    if (this.cp850) this.cp850.count += 1;
    else this.cp850 = { row, column, text, repaired: asCp850, count: 1 };
  }
}
