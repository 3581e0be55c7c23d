import type { APIRoute, GetStaticPaths } from 'astro';
import { FIGURE_COLUMNS, figureRows, toCsv } from '../../../../views/figures-table.ts';
import { getSiteData, versionFigures } from '../../../../build/site-data.ts';
import { versionPaths } from '../../../../build/version-paths.ts';

export const getStaticPaths = versionPaths satisfies GetStaticPaths;

/** One row per metric × group: the figures of the report as a spreadsheet. */
export const GET: APIRoute = async ({ props }) => {
  const site = await getSiteData();
  return new Response(toCsv(FIGURE_COLUMNS, figureRows(versionFigures(site, props.version))), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
};
