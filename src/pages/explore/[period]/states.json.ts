import type { APIRoute } from 'astro';
import { getSiteData, sitePageKey } from '../../../build/site-data.ts';

export async function getStaticPaths() {
  const site = await getSiteData();
  return site.explore.map((p) => ({
    params: { period: p.id },
    props: { id: p.id },
    cacheKey: sitePageKey(site),
  }));
}

/** A period's published cell states: what its Explore page computes from (compact JSON). */
export const GET: APIRoute = async ({ props }) => {
  const site = await getSiteData();
  const period = site.explore.find((p) => p.id === props.id)!;
  return new Response(JSON.stringify(period), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
