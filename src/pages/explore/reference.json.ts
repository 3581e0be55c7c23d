import type { APIRoute } from 'astro';
import { getSiteData } from '../../build/site-data.ts';
import { referenceResponse } from './_reference.ts';

/** The build's figures of the all-periods page's reference selections (last two pooled). */
export const GET: APIRoute = async () => {
  const site = await getSiteData();
  const ids = site.explore.map((p) => p.id);
  if (ids.length === 0) return new Response('{"references":[]}\n');
  return referenceResponse(site, { from: ids[0]!, to: ids.at(-1)! }, ids.slice(-2));
};
