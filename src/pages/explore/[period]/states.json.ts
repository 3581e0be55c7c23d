import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData } from '../../../build/site-data.ts';
import { explorePaths } from '../../../build/static-paths.ts';

export const getStaticPaths = explorePaths satisfies GetStaticPaths;

/** A period's published cell states: what its Explore page computes from (compact JSON). */
export const GET: APIRoute = async ({ props }) => {
  const site = await getSiteData();
  const period = site.explore.find((p) => p.id === props.id)!;
  return new Response(JSON.stringify(period), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
