import type { APIRoute } from 'astro';
import { allPeriodRows, FIGURE_COLUMNS, toCsv } from '../../views/figures-table.ts';
import { getSiteData } from '../../build/site-data.ts';

/** Every figure of every period, one row per snapshot × metric × group. */
export const GET: APIRoute = async () => {
  const site = await getSiteData();
  return new Response(toCsv(['snapshot', 'period', ...FIGURE_COLUMNS], allPeriodRows(site.reviews)), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });
};
