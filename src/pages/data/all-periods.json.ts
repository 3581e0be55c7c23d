import type { APIRoute } from 'astro';
import { getSiteData } from '../../build/site-data.ts';
import { definitionOf } from '../../metrics/registry/definitions.ts';
import { REGISTRY } from '../../metrics/registry/index.ts';

/** Every snapshot's live figures, with the registry's definitions. */
export const GET: APIRoute = async () => {
  const site = await getSiteData();
  const body = { definitions: REGISTRY.map(definitionOf), reviews: site.reviews };
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
