import type { APIRoute } from 'astro';
import { getSiteData, sitePageKey } from '../../../build/site-data.ts';
import { referenceResponse } from '../_reference.ts';

export async function getStaticPaths() {
  const site = await getSiteData();
  return site.explore.map((p) => ({
    params: { period: p.id },
    props: { id: p.id },
    cacheKey: sitePageKey(site),
  }));
}

/** The build's figures of the period page's reference selections, for checking the page's. */
export const GET: APIRoute = async ({ props }) => {
  const site = await getSiteData();
  return referenceResponse(site, { from: props.id, to: props.id }, [props.id]);
};
