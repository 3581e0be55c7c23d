/**
 * JSON for an inline `<script type="application/json">`: data text (a period label, a group
 * name) must never close the script element or open a comment, so every character that could
 * is written as a JSON escape (the parsed value is unchanged).
 */

/**
 * JSON.stringify with <, >, &, U+2028 and U+2029 escaped.
 * @example scriptJson({ label: '</script>' }) // '{"label":"\\u003c/script\\u003e"}'
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
