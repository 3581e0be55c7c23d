import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData, versionFigures } from '../../../../build/site-data.ts';
import { versionPaths } from '../../../../build/version-paths.ts';
import { definitionOf } from '../../../../metrics/registry/definitions.ts';
import { REGISTRY } from '../../../../metrics/registry/index.ts';

export const getStaticPaths = versionPaths satisfies GetStaticPaths;

/** Every figure of the report version (as its page shows them), with the definitions it uses. */
export const GET: APIRoute = async ({ props }) => {
  const site = await getSiteData();
  const figures = versionFigures(site, props.version);
  const entries = new Set(Object.values(figures.catalog).map((m) => m.entry));
  const body = {
    report: {
      period: props.version.period,
      version: props.version.version,
      snapshotHash: props.version.data.snapshotHash,
      frozen: props.version.frozen,
    },
    figures,
    definitions: REGISTRY.filter((e) => entries.has(e.id)).map(definitionOf),
  };
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
