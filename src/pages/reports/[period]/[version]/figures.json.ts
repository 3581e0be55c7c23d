import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData, versionContext } from '../../../../build/site-data.ts';
import { versionPaths } from '../../../../build/version-paths.ts';
import { METRICS } from '../../../../metrics/registry.ts';

export const getStaticPaths = versionPaths satisfies GetStaticPaths;

/** Every computed figure of the report version, with the metric definitions it uses. */
export const GET: APIRoute = async ({ props }) => {
  const site = await getSiteData();
  const review = versionContext(site, props.version);
  const used = new Set(Object.keys(review.figures.metrics));
  const body = {
    report: {
      period: props.version.period,
      version: props.version.version,
      snapshotHash: props.version.data.snapshotHash,
      frozen: props.version.frozen,
    },
    snapshot: review.figures,
    changesVsPrevious: review.changes,
    previousPeriod: review.history.length > 1 ? review.history.at(-2)!.id : null,
    metrics: METRICS.filter((m) => used.has(m.id)),
  };
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
