/** Markdown as `npm run format` writes it, for the tests that compare a generated page. */
export async function formatMarkdown(text: string): Promise<string> {
  const prettier = await import('prettier');
  return prettier.format(text, { parser: 'markdown', printWidth: 100, singleQuote: true });
}
