import type { APIRoute, GetStaticPaths } from 'astro';
import { FIGURE_COLUMNS, figureRows, toCsv } from '../../../../views/figures-table.ts';
import { getSiteData, versionContext } from '../../../../build/site-data.ts';
import { versionPaths } from '../../../../build/version-paths.ts';

export const getStaticPaths = versionPaths satisfies GetStaticPaths;

/** One row per metric × group: the figures of the report as a spreadsheet. */
export const GET: APIRoute = async ({ props }) => {
  const site = await getSiteData();
  const review = versionContext(site, props.version);
  return new Response(toCsv(FIGURE_COLUMNS, figureRows(review.figures, review.changes)), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
};
