/**
 * The metric ids a report's MDX names in its components (`<Figure metric="nps" />`), checked
 * before any page renders: a report that names a metric its figures lack stops the build with
 * every such reference at once, as a report problem, not as a crash halfway through rendering.
 */
import { didYouMean } from '../contracts/near-matches.ts';

/** `<Component … metric="id"` with a literal id (an expression is the component's to check). */
const REFERENCE = /<([A-Z][\w.]*)\b[^>]*?\smetric=(["'])([^"'\n]+)\2/g;

/** Each component and metric id the MDX names, in the order they appear. */
export function metricReferences(body: string): Array<{ component: string; id: string }> {
  return [...body.matchAll(REFERENCE)].map((m) => ({ component: m[1]!, id: m[3]! }));
}

/**
 * The problems of a report version's metric references: one line per id its figures lack.
 * @param file the report as the user names it, e.g. "reports/2026-Q2/v1.mdx"
 * @param ids the metric ids of the figures it renders from (frozen when published)
 * @param published whether those are the figures the version froze at publication
 */
export function unknownMetricReferences(
  file: string,
  body: string,
  ids: readonly string[],
  published: boolean,
): string[] {
  const known = new Set(ids);
  const fix = published
    ? 'a published version shows only the figures it froze: name one of them, or publish a new version to show a metric added since'
    : `name one of its metrics: ${ids.join(', ')}`;
  return metricReferences(body)
    .filter((r) => !known.has(r.id))
    .map(
      (r) =>
        `${file}: <${r.component} metric="${r.id}">: no metric "${r.id}" in ${published ? 'the figures this version froze' : 'its snapshot’s figures'}${didYouMean(r.id, ids)} — ${fix}`,
    );
}
