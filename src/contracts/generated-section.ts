/**
 * Documentation generated from the code it describes lives between two markers in a Markdown
 * file, `<!-- name:start -->` and `<!-- name:end -->`; a test regenerates it and compares, so
 * the page cannot drift from the code.
 */

/**
 * The document with the part between the markers of `name` replaced by `content`.
 * @throws when the document lacks the markers
 */
export function withGeneratedSection(doc: string, name: string, content: string): string {
  const startMarker = `<!-- ${name}:start -->`;
  const start = doc.indexOf(startMarker);
  const end = doc.indexOf(`<!-- ${name}:end -->`);
  if (start < 0 || end < start)
    throw new Error(`withGeneratedSection requires the ${name} markers in the document`);
  return `${doc.slice(0, start + startMarker.length)}\n\n${content}\n\n${doc.slice(end)}`;
}
