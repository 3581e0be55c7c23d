/**
 * Literals of data in a drafted report. A draft is MDX, which is code: `<Tag/>` is a component,
 * `{…}` runs JavaScript at build, `[x](javascript:…)` is a link, `---` on its own line ends the
 * frontmatter. A segment level, an item label or a finding title is data and must reach the
 * page as the same text, so every data string written into a draft goes through one of these.
 * `draft-literals.test.ts` parses their output with the MDX compiler Astro uses and checks the
 * text comes back unchanged.
 */
import { stringify } from 'yaml';

// Text with none of MDX's markup characters (JSX and HTML, expressions, escapes, code,
// emphasis, links, GFM strikethrough and tables, headings, character references, mail
// autolinks), no list marker at its start and no www. or :// (GFM makes those links, and a
// link swallows the escapes that follow it): such text reads as itself in a line of MDX.
const PLAIN = /^(?![-+]|\d+[.)])[^\\`*_[\]<>{}~|#&@$^]*$/;
const AUTOLINK = /www\.|:\/\//i;

/**
 * `value` as a JSON string literal that can close neither a JavaScript block comment nor the
 * MDX expression around it ("{", "}" and "*\/" are escaped; JSON.parse reads it back).
 * @example jsString('a{b}') // '"a\\u007bb\\u007d"'
 */
export function jsString(value: string): string {
  return JSON.stringify(value)
    .replace(/[{}]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\*\//g, '*\\/');
}

/**
 * MDX source that renders as exactly `text`, for a list item or the middle of a line (runs of
 * white space become one space, as HTML shows them). Plain text is written as it is, so the
 * analyst edits prose (smart punctuation curls its quotes, as it does the analyst's own);
 * anything else is a string expression, which the page prints as text.
 * @example mdxText('SMB is below the rest') // 'SMB is below the rest'
 * @example mdxText('SMB <img src=x>') // '{"SMB <img src=x>"}'
 */
export function mdxText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return PLAIN.test(line) && !AUTOLINK.test(line) ? line : `{${jsString(line)}}`;
}

/**
 * A quoted JSX attribute value (`"…"`, quotes included) that the component receives as exactly
 * `value`: MDX decodes character references in attribute strings, so `&`, `"` and line breaks
 * are written as references.
 * @example mdxAttribute('a"b') // '"a&quot;b"'
 */
export function mdxAttribute(value: string): string {
  const escaped = value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
  return `"${escaped}"`;
}

/**
 * A YAML double-quoted scalar on one line: line breaks and characters YAML cannot hold raw are
 * JSON-style escapes, so a value can never end the frontmatter (`\n---`) or start another key.
 * @example yamlString('a\n---') // '"a\\n---"'
 */
export function yamlString(text: string): string {
  return stringify(text, {
    defaultStringType: 'QUOTE_DOUBLE',
    doubleQuotedAsJSON: true,
    lineWidth: 0,
  }).trimEnd();
}
