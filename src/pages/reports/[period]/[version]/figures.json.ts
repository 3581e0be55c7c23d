import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData, versionDownload, versionFigures } from '../../../../build/site-data.ts';
import { versionPaths } from '../../../../build/static-paths.ts';
import { definitionOf } from '../../../../metrics/registry/definitions.ts';
import { REGISTRY } from '../../../../metrics/registry/index.ts';

export const getStaticPaths = versionPaths satisfies GetStaticPaths;

/** Every figure of the report version (as its page shows them), with the definitions it uses. */
export const GET: APIRoute = async ({ props }) => {
  const site = await getSiteData();
  const { version } = props;
  const text = versionDownload('figures-json', version, [FILE], () => {
    const figures = versionFigures(site, version);
    const entries = new Set(Object.values(figures.catalog).map((m) => m.entry));
    const body = {
      report: {
        period: version.period,
        version: version.version,
        snapshotHash: version.data.snapshotHash,
        frozen: version.frozen,
      },
      figures,
      definitions: REGISTRY.filter((e) => entries.has(e.id)).map(definitionOf),
    };
    return `${JSON.stringify(body, null, 2)}\n`;
  });
  return new Response(text, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};

/** This file, under `src/`: what writes the download besides the figures' code. */
const FILE = 'pages/reports/[period]/[version]/figures.json.ts';
