import type { APIRoute, GetStaticPaths } from 'astro';
import { FIGURE_COLUMNS, figureRows, toCsv } from '../../../../views/figures-table.ts';
import { getSiteData, versionDownload, versionFigures } from '../../../../build/site-data.ts';
import { versionPaths } from '../../../../build/static-paths.ts';

export const getStaticPaths = versionPaths satisfies GetStaticPaths;

/** One row per metric × group: the figures of the report as a spreadsheet. */
export const GET: APIRoute = async ({ props }) => {
  const site = await getSiteData();
  const { version } = props;
  const text = versionDownload('figures-csv', version, [FILE, 'views/figures-table.ts'], () =>
    toCsv(FIGURE_COLUMNS, figureRows(versionFigures(site, version))),
  );
  return new Response(text, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};

/** This file, under `src/`: what writes the download besides the figures' code. */
const FILE = 'pages/reports/[period]/[version]/figures.csv.ts';
