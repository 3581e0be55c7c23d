import type { APIRoute } from 'astro';
import { allPeriodRows, FIGURE_COLUMNS, toCsv } from '../../views/figures-table.ts';
import { cachedPageBytes, getSiteData } from '../../build/site-data.ts';

/** Every figure of every period, one row per snapshot × metric × group. */
export const GET: APIRoute = async () => {
  const site = await getSiteData();
  // Kept between builds under the reviews' digests: the same figures give the same file.
  const text = cachedPageBytes(
    'all-periods-csv',
    site.reviewDigests,
    [FILE, 'views/figures-table.ts'],
    () => toCsv(['snapshot', 'period', ...FIGURE_COLUMNS], allPeriodRows(site.reviews)),
  );
  return new Response(text, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};

/** This file, under `src/`: what writes the download besides the figures' code. */
const FILE = 'pages/data/all-periods.csv.ts';
